import { Type, type Static } from 'typebox'

/**
 * Logistic regression parameters; names and defaults follow scikit-learn's
 * `LogisticRegression(penalty='l2')`. The plugin fits the features as given:
 * standardise them first (the feature pipeline does), because features on very
 * different scales make the problem ill-conditioned and convergence slower.
 */
export const LogisticRegressionParams = Type.Object(
  {
    C: Type.Number({
      exclusiveMinimum: 0,
      maximum: 1e12,
      default: 1,
      description: 'Inverse L2 regularisation strength: the objective is weighted log-loss + ||w||^2 / (2C). Smaller = stronger regularisation.',
    }),
    class_weight: Type.Union([Type.Literal('balanced'), Type.Null()], {
      default: null,
      description: "null: every row weighs 1. 'balanced': rows weigh n / (2 * rows of their class), so rare anomalies count as much as the common class.",
    }),
    max_iter: Type.Integer({
      minimum: 1,
      maximum: 10_000,
      default: 100,
      description:
        'Most iterations on the full data: Newton steps, or L-BFGS steps above 500 features. On 20,000 rows or more, Newton first warm-starts on a subsample, with a budget of as many steps again.',
    }),
    tol: Type.Number({
      exclusiveMinimum: 0,
      maximum: 1,
      default: 1e-4,
      description: 'Stop when the largest absolute gradient component of the objective is at most tol.',
    }),
  },
  { additionalProperties: false },
)

export type LogisticRegressionParams = Static<typeof LogisticRegressionParams>
