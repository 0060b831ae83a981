/**
 * A JSON event → a flat record keyed by dot paths (`userIdentity.type`), the
 * same names a nested dataset gets at ingest. Arrays are kept whole (they are
 * not model inputs). Field aliases (000's `eventsource` → `eventSource`) are
 * applied to the flattened names.
 */
export function flattenRecord(
  record: Readonly<Record<string, unknown>>,
  aliases: Readonly<Record<string, string>> = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const visit = (value: unknown, path: string): void => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value as Record<string, unknown>)) visit(inner, path ? `${path}.${key}` : key)
      return
    }
    out[aliases[path] ?? path] = value
  }
  visit(record, '')
  return out
}
