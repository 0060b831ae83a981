import { Type, type Static } from 'typebox'

/** How the training request chooses the threshold a version applies. */
export const ThresholdOptions = Type.Object(
  {
    objective: Type.Optional(
      Type.Union(
        [Type.Literal('contamination'), Type.Literal('auto'), Type.Literal('f1'), Type.Literal('fbeta'), Type.Literal('recall'), Type.Literal('alert_rate')],
        {
          description:
            "'contamination': the (1 − contamination) quantile of training scores; 'auto': median + 3 robust standard deviations of training scores (no labels, no contamination guess); with a label column: 'f1', 'fbeta' (maximise on the validation split), 'recall' (highest threshold reaching `target` recall); 'alert_rate': alert on `target` share of rows. Default: 'f1' for supervised algorithms (the threshold that maximises F1 on the held-out rows), 'contamination' for unsupervised ones.",
        },
      ),
    ),
    beta: Type.Number({ exclusiveMinimum: 0, maximum: 100, default: 2, description: "For 'fbeta': recall counts beta times as much as precision." }),
    target: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1, description: "For 'recall' and 'alert_rate': the share to reach." })),
    validation_fraction: Type.Number({
      minimum: 0.05,
      maximum: 0.5,
      default: 0.3,
      description: 'With a label column: the share of rows held out (the latest by time when there is a timestamp, stratified otherwise) to choose and judge the threshold.',
    }),
    refit: Type.Union([Type.Literal('auto'), Type.Boolean()], {
      default: 'auto',
      description:
        "With a label column: after the held-out rows have chosen and judged the threshold, fit the served model again on all rows, so it learns from every labelled row (the evaluation then describes the model fitted without the held-out rows, a slightly pessimistic estimate). 'auto' = for supervised algorithms, whose quality grows with labelled rows; unsupervised models keep the model the held-out rows judged.",
    }),
  },
  { additionalProperties: false },
)

export type ThresholdOptions = Static<typeof ThresholdOptions>

export type ThresholdObjective = NonNullable<ThresholdOptions['objective']>

/** Threshold options with the objective decided. */
export type ResolvedThresholdOptions = ThresholdOptions & { readonly objective: ThresholdObjective }

/**
 * The objective a version applies when the request names none: supervised
 * models have held-out labels, so the threshold that maximises F1 on them;
 * unsupervised models have only their training scores, so the contamination
 * quantile. A supervised model's in-sample probabilities say nothing about
 * where its errors start (on 002's supervised example the contamination
 * quantile was 0.01: precision 0.33 at ROC-AUC 1.0).
 */
export function resolveThresholdOptions(options: ThresholdOptions, supervised: boolean): ResolvedThresholdOptions {
  return { ...options, objective: options.objective ?? (supervised ? 'f1' : 'contamination') }
}
