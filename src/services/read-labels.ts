import { InvalidInputError } from '../errors.js'

const POSITIVE = new Set(['1', '1.0', 'true', 't', 'yes'])
const NEGATIVE = new Set(['0', '0.0', 'false', 'f', 'no'])

/** Label text values → 1 = anomaly / 0 = normal; anything else (or missing) is a 400 with the counts found. */
export function parseLabels(column: string, values: readonly (string | null)[]): Uint8Array {
  const out = new Uint8Array(values.length)
  const distinct = new Map<string, number>()
  let missing = 0
  values.forEach((raw, i) => {
    if (raw === null) {
      missing++
      return
    }
    const v = raw.trim().toLowerCase()
    distinct.set(raw, (distinct.get(raw) ?? 0) + 1)
    if (POSITIVE.has(v)) out[i] = 1
    else if (!NEGATIVE.has(v)) out[i] = 255
  })
  const invalid = [...distinct.keys()].filter((raw) => {
    const v = raw.trim().toLowerCase()
    return !POSITIVE.has(v) && !NEGATIVE.has(v)
  })
  if (invalid.length > 0 || missing > 0) {
    const found = [...distinct.entries()].slice(0, 10).map(([v, n]) => `'${v}' (${n})`).join(', ')
    throw new InvalidInputError(
      `label_column '${column}' must hold only 0/1 or true/false with no missing values; found ${distinct.size} distinct values: ${found}${missing > 0 ? ` and ${missing} missing` : ''}`,
      { field: 'label_column', value: column, distinct_values: distinct.size, missing, limit: ['0', '1', 'true', 'false'] },
    )
  }
  return out
}
