import { Type, type Static } from 'typebox'

/** How the training request chooses the threshold a version applies. */
export const ThresholdOptions = Type.Object(
  {
    objective: Type.Union(
      [Type.Literal('contamination'), Type.Literal('auto'), Type.Literal('f1'), Type.Literal('fbeta'), Type.Literal('recall'), Type.Literal('alert_rate')],
      {
        default: 'contamination',
        description:
          "'contamination': the (1 − contamination) quantile of training scores; 'auto': median + 3 robust standard deviations of training scores (no labels, no contamination guess); with a label column: 'f1', 'fbeta' (maximise on the validation split), 'recall' (highest threshold reaching `target` recall); 'alert_rate': alert on `target` share of rows.",
      },
    ),
    beta: Type.Number({ exclusiveMinimum: 0, maximum: 100, default: 2, description: "For 'fbeta': recall counts beta times as much as precision." }),
    target: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1, description: "For 'recall' and 'alert_rate': the share to reach." })),
    validation_fraction: Type.Number({
      minimum: 0.05,
      maximum: 0.5,
      default: 0.3,
      description: 'With a label column: the share of rows held out (the latest by time when there is a timestamp, stratified otherwise) to choose and judge the threshold.',
    }),
  },
  { additionalProperties: false },
)

export type ThresholdOptions = Static<typeof ThresholdOptions>
