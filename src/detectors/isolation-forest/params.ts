import { Type, type Static } from 'typebox'

/** Isolation forest parameters; names and defaults follow scikit-learn's `IsolationForest`. */
export const IsolationForestParams = Type.Object(
  {
    n_estimators: Type.Integer({
      minimum: 1,
      maximum: 5000,
      default: 100,
      description: 'Number of isolation trees.',
    }),
    max_samples: Type.Union(
      [
        Type.Literal('auto'),
        Type.Number({ exclusiveMinimum: 0, maximum: 1 }),
        Type.Integer({ minimum: 2, maximum: 1_000_000 }),
      ],
      {
        default: 'auto',
        description:
          "Rows drawn to build each tree: 'auto' = min(256, rows); a number <= 1 is a fraction of the rows; a whole number > 1 is a count (capped at the row count).",
      },
    ),
    max_features: Type.Number({
      exclusiveMinimum: 0,
      maximum: 1,
      default: 1,
      description: 'Fraction of the features each tree may split on.',
    }),
    bootstrap: Type.Boolean({ default: false, description: 'Draw each tree\'s rows with replacement.' }),
  },
  { additionalProperties: false },
)

export type IsolationForestParams = Static<typeof IsolationForestParams>

/** The subsample size ψ actually used for `rows` training rows. */
export function effectiveMaxSamples(maxSamples: IsolationForestParams['max_samples'], rows: number): number {
  if (maxSamples === 'auto') return Math.min(256, rows)
  if (maxSamples <= 1) return Math.max(1, Math.floor(maxSamples * rows))
  return Math.min(maxSamples, rows)
}
