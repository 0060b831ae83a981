/**
 * The path of the first key that could pollute prototypes once the value is
 * merged or assigned somewhere: `__proto__` anywhere, or `prototype` inside a
 * `constructor` object (what secure-json-parse refuses). The walk is
 * iterative; JSON.parse already stored such keys as plain own properties, so
 * finding them here is safe. Undefined when there is none.
 */
export function findPollutingKey(value: unknown): string | undefined {
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }]
  while (stack.length > 0) {
    const { value: node, path } = stack.pop() as { value: unknown; path: string }
    if (node === null || typeof node !== 'object') continue
    if (Array.isArray(node)) {
      node.forEach((item, i) => stack.push({ value: item, path: `${path}[${i}]` }))
      continue
    }
    for (const key of Object.keys(node)) {
      const at = path ? `${path}.${key}` : key
      const inner: unknown = (node as Record<string, unknown>)[key]
      if (key === '__proto__') return at
      if (key === 'constructor' && inner !== null && typeof inner === 'object' && Object.hasOwn(inner, 'prototype')) return `${at}.prototype`
      stack.push({ value: inner, path: at })
    }
  }
  return undefined
}
