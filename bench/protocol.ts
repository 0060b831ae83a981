/** The protocol shared by both sides of every comparison, and the targets Vigil is judged against. */

/** Seeds of a full run: seed k is both the split seed and the model's `random_state`. */
export const DEFAULT_SEED_COUNT = 3

/** Fraction of each dataset's rows that are trained on (stratified by label); the rest is scored. */
export const TRAIN_FRACTION = 0.7

/** Batch scoring is timed on the test split repeated (or cut) to exactly this many rows. */
export const BATCH_ROWS = 10_000

/**
 * Single-row latency: this many one-row scoring calls (timed one by one; the
 * median is reported), after untimed warm-up calls; fewer when the timed calls
 * add up to LATENCY_MAX_SECONDS (some scikit-learn estimators take ~40 ms a
 * call: 2,000 calls would be minutes per dataset for no better median).
 */
export const LATENCY_CALLS = 2_000
export const LATENCY_WARMUP_CALLS = 200
export const LATENCY_MAX_SECONDS = 20

/**
 * Before the timed seeds, WARMUP_ROUNDS untimed fit + score rounds on a
 * stratified subset of at most WARMUP_ROWS training rows (seeds WARMUP_SEED,
 * WARMUP_SEED + 1, ...): V8 needs a few rounds before the hot loops are
 * optimised; Python gets the same rounds (lazy imports, caches).
 */
export const WARMUP_ROWS = 2_000
export const WARMUP_ROUNDS = 5
export const WARMUP_SEED = 1000

/**
 * Time limits per child process (one algorithm x dataset x side). A side
 * starts no further seed once the seeds so far project beyond the budget (it
 * then reports fewer seeds, and says so); a side still running at the hard
 * limit is killed and its cell reads "error: timeout".
 */
export const DEFAULT_BUDGET_MIN = 20
export const DEFAULT_TIMEOUT_MIN = 30
/** bench:large fits once per side on a million rows: a longer hard limit. */
export const LARGE_TIMEOUT_MIN = 60

export const TARGETS = {
  /** Vigil's mean AUROC must be at least scikit-learn's minus this. */
  aurocTolerance: 0.01,
  /** Vigil ÷ scikit-learn training time, by default and for the algorithms allowed more. */
  maxTrainRatio: 1.0,
  /** Vigil ÷ scikit-learn batch scoring time. */
  maxScoreRatio: 1.0,
} as const
