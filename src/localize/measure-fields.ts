/** What the leaves measure: a count against its forecast, or a failure rate (errors among requests) against its expected rate. */
export type MeasureKind = 'count' | 'rate'

/** Leaf fields of a count measure: the observed value and its forecast. */
export const COUNT_FIELDS = ['actual', 'expected'] as const

/** Leaf fields of a failure-rate measure; the expected rate is `expected_errors / expected_requests`, or `expected_rate` directly. */
export const RATE_FIELDS = ['requests', 'errors', 'expected_requests', 'expected_errors', 'expected_rate'] as const

/** Every numeric field a leaf may carry; every other key is a dimension. */
export const MEASURE_FIELDS: ReadonlySet<string> = new Set<string>([...COUNT_FIELDS, ...RATE_FIELDS])

/** The measure the fields of a leaf imply: `requests` and `errors` make it a failure rate, else a count. */
export function inferMeasureKind(leaf: Readonly<Record<string, unknown>>): MeasureKind {
  return 'requests' in leaf || 'errors' in leaf ? 'rate' : 'count'
}
