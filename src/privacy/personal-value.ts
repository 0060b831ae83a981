/**
 * The text of a field value that may be personal: strings as they are,
 * numbers and booleans as text; undefined when the field is absent or empty.
 * Anything else is an error that names the field and the value's type but
 * never the value (it is personal: it must not reach a response or a log).
 */
export function personalText(record: Record<string, unknown>, field: string, personal: boolean): string | undefined | { readonly error: string } {
  const v = record[field]
  if (v === undefined || v === null || v === '') return undefined
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  const kind = Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`
  return { error: `${field} must be a string, number or boolean; got ${kind}${personal ? ' (value not shown: the field is personal)' : ''}` }
}
