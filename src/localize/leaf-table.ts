/**
 * Leaves of one time point in columns: the code of each leaf's value in
 * every dimension, and the measure. Built once by `readLeaves`; the search
 * never looks at the rows again.
 */
export interface LeafTable {
  /** Dimension names, in the order of `codes` and `values`. */
  readonly dimensions: readonly string[]
  /** Per dimension, its distinct values; a code is an index into this list. */
  readonly values: readonly (readonly string[])[]
  /** Per dimension, the code of each leaf's value. */
  readonly codes: readonly Int32Array[]
  /** Number of leaves. */
  readonly size: number
  readonly measure: LeafMeasure
}

/** A count: observed `actual` against forecast `expected`, per leaf. */
export interface CountMeasure {
  readonly kind: 'count'
  readonly actual: Float64Array
  readonly expected: Float64Array
}

/** A failure rate: `errors` among `requests`, against the leaf's expected failure rate. */
export interface RateMeasure {
  readonly kind: 'rate'
  readonly requests: Float64Array
  readonly errors: Float64Array
  /** Expected failure rate per leaf, in [0, 1]. */
  readonly expectedRate: Float64Array
}

export type LeafMeasure = CountMeasure | RateMeasure
