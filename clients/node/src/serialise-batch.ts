/** A batch ready to post: its JSON array body and how many events it carries. */
export interface SerialisedBatch {
  readonly body: string
  /** Events in `body`. */
  readonly count: number
  /** Events left out because JSON.stringify refused them (a BigInt, a cycle) or made nothing of them (a function). */
  readonly unserialisable: number
}

/**
 * Serialises events one by one, so one event that cannot be written as JSON
 * costs only itself, not the batch it travels in. Runs in the flush, off the
 * caller's request path; its cost is bounded by the batch size.
 */
export function serialiseBatch(events: readonly unknown[]): SerialisedBatch {
  const parts: string[] = []
  let unserialisable = 0
  for (const event of events) {
    let json: string | undefined
    try {
      json = JSON.stringify(event) as string | undefined
    } catch {
      json = undefined
    }
    if (json === undefined || json === 'null') unserialisable++
    else parts.push(json)
  }
  return { body: `[${parts.join(',')}]`, count: parts.length, unserialisable }
}
