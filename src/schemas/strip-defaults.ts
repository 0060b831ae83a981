import type { TSchema } from 'typebox'

/**
 * A copy of a schema without `default` keywords (and with defaulted
 * properties no longer required), each default moved into its description ("… (default: [1, 2, 3, 7])"). Used where a schema sits inside a
 * union, where Ajv cannot apply defaults (ajv#2375); the service applies them
 * with `Value.Default` on the original schema instead.
 */
export function stripDefaults<T extends TSchema>(schema: T): T {
  return strip(schema) as T
}

function strip(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strip)
  if (node === null || typeof node !== 'object') return node
  const out: Record<string, unknown> = {}
  const source = node as Record<string, unknown>
  for (const [key, value] of Object.entries(source)) {
    if (key === 'default') continue
    out[key] = key === 'properties' && value !== null && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, strip(v)])) : strip(value)
  }
  // a property that had a default is optional to the caller
  if (Array.isArray(source.required) && source.properties !== null && typeof source.properties === 'object') {
    const props = source.properties as Record<string, Record<string, unknown>>
    out.required = (source.required as string[]).filter((name) => !(props[name] && 'default' in props[name]))
  }
  if ('default' in source) {
    const note = `(default: ${JSON.stringify(source.default)})`
    out.description = typeof source.description === 'string' ? `${source.description} ${note}` : note
  }
  return out
}
