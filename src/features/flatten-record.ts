/**
 * A JSON event → a flat record keyed by dot paths (`userIdentity.type`), the
 * same names a nested dataset gets at ingest. Arrays are kept whole (they are
 * not model inputs). Field aliases (000's `eventsource` → `eventSource`) are
 * applied to the flattened names. The walk is iterative (an explicit stack,
 * fields in document order), so no nesting depth can overflow the call stack.
 */
export function flattenRecord(
  record: Readonly<Record<string, unknown>>,
  aliases: Readonly<Record<string, string>> = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const stack: { value: unknown; path: string }[] = [{ value: record, path: '' }]
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: unknown; path: string }
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const entries = Object.entries(value as Record<string, unknown>)
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, inner] = entries[i] as [string, unknown]
        stack.push({ value: inner, path: path ? `${path}.${key}` : key })
      }
      continue
    }
    out[aliases[path] ?? path] = value
  }
  return out
}
