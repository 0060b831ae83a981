export interface Preview {
  /** JSON-like text of the value, at most `max` characters (cut with '…'). */
  readonly text: string
  /** false when the value was cut short. */
  readonly complete: boolean
}

interface Frame {
  readonly close: string
  readonly keys: readonly string[] | undefined
  readonly source: Readonly<Record<string, unknown>> | readonly unknown[]
  index: number
}

/**
 * A value as short JSON-like text for an error message. The walk is
 * iterative and stops as soon as `max` characters are written, so a huge or
 * deeply nested value costs no more than its preview and can never overflow
 * the stack (JSON.stringify would do both: copy it all, and recurse).
 */
export function previewValue(value: unknown, max = 200): Preview {
  let out = ''
  const stack: Frame[] = []
  let pending: { value: unknown } | undefined = { value }
  while (out.length <= max) {
    if (pending !== undefined) {
      const v = pending.value
      pending = undefined
      if (Array.isArray(v)) {
        out += '['
        stack.push({ close: ']', keys: undefined, source: v, index: 0 })
      } else if (v !== null && typeof v === 'object') {
        out += '{'
        const source = v as Readonly<Record<string, unknown>>
        stack.push({ close: '}', keys: Object.keys(source), source, index: 0 })
      } else out += scalar(v, max)
      continue
    }
    const frame = stack[stack.length - 1]
    if (frame === undefined) break
    const length = frame.keys === undefined ? (frame.source as readonly unknown[]).length : frame.keys.length
    if (frame.index >= length) {
      out += frame.close
      stack.pop()
      continue
    }
    if (frame.index > 0) out += ', '
    if (frame.keys === undefined) pending = { value: (frame.source as readonly unknown[])[frame.index] }
    else {
      const key = frame.keys[frame.index] as string
      out += `${JSON.stringify(key.length > max ? key.slice(0, max) : key)}: `
      pending = { value: (frame.source as Readonly<Record<string, unknown>>)[key] }
    }
    frame.index++
  }
  const complete = out.length <= max && stack.length === 0 && pending === undefined
  return { text: complete ? out : `${out.slice(0, Math.max(0, max - 1))}…`, complete }
}

/**
 * The value to put in an error body's `value`: the value itself when its
 * preview is complete within `max` characters, else the cut preview text.
 */
export function boundedValue(value: unknown, max = 200): unknown {
  const preview = previewValue(value, max)
  return preview.complete ? value : preview.text
}

function scalar(v: unknown, max: number): string {
  if (typeof v === 'string') return JSON.stringify(v.length > max ? v.slice(0, max + 1) : v)
  if (v === undefined) return 'nothing'
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v)
  if (typeof v === 'bigint') return `${v}n`
  return typeof v
}
