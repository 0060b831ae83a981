import { Type, type Static } from 'typebox'

/**
 * Default training-row cap. The solver's work grows about as rows² (rows
 * at 50k: ~40 s here, scikit-learn ~75 s; 200k rows would take ~16x that),
 * while the boundary it learns stops improving long before: on shuttle and
 * the bench's synthetic 50k set, AUROC with 2k, 5k, 10k, 20k and all rows
 * agrees to ±0.0003. 10k rows train in ~2 s, and keep ν·10k support
 * vectors, which is also what every later prediction costs.
 */
export const DEFAULT_MAX_SAMPLES = 10_000

/** One-class SVM parameters; names and defaults follow scikit-learn 1.2's `OneClassSVM`. */
export const OneClassSvmParams = Type.Object(
  {
    kernel: Type.Union([Type.Literal('rbf'), Type.Literal('linear'), Type.Literal('poly'), Type.Literal('sigmoid')], {
      default: 'rbf',
      description: "Kernel: 'rbf' exp(-gamma·|x-y|²), 'linear' x·y, 'poly' (gamma·x·y + coef0)^degree, 'sigmoid' tanh(gamma·x·y + coef0).",
    }),
    nu: Type.Number({
      exclusiveMinimum: 0,
      maximum: 1,
      default: 0.5,
      description: 'Upper bound on the fraction of training rows left outside the boundary, and lower bound on the fraction of support vectors.',
    }),
    gamma: Type.Union([Type.Literal('scale'), Type.Literal('auto'), Type.Number({ exclusiveMinimum: 0 })], {
      default: 'scale',
      description: "Kernel coefficient (rbf, poly, sigmoid): 'scale' = 1 / (features · variance of all training values), 'auto' = 1 / features, or a positive number.",
    }),
    degree: Type.Integer({ minimum: 0, maximum: 20, default: 3, description: "Degree of the 'poly' kernel; ignored by the others." }),
    coef0: Type.Number({ default: 0, description: "Independent term of the 'poly' and 'sigmoid' kernels; ignored by the others." }),
    tol: Type.Number({ exclusiveMinimum: 0, default: 1e-3, description: 'Stopping tolerance of the solver (largest allowed KKT violation).' }),
    shrinking: Type.Boolean({ default: true, description: 'Use the shrinking heuristic (temporarily set aside rows that look settled at a bound).' }),
    cache_size: Type.Number({
      exclusiveMinimum: 0,
      maximum: 16_384,
      default: 200,
      description: 'Kernel cache size in MB (at least two kernel rows are always kept).',
    }),
    max_iter: Type.Integer({ minimum: -1, default: -1, description: 'Hard limit on solver iterations; -1 for no limit.' }),
    max_samples: Type.Union([Type.Literal('all'), Type.Integer({ minimum: 2, maximum: 10_000_000 })], {
      default: DEFAULT_MAX_SAMPLES,
      description:
        "Train on at most this many rows, drawn at random (seeded) when the dataset is larger: the solver's cost grows faster than quadratically with rows. 'all' disables the cap. Not a scikit-learn parameter.",
    }),
  },
  { additionalProperties: false },
)

export type OneClassSvmParams = Static<typeof OneClassSvmParams>
