/**
 * What a feed sends events to: the monitors use case, seen only through
 * this, so the simulator does not depend on the monitors' internals.
 */
export interface IngestTarget {
  /** Throws NotFoundError for an unknown monitor. */
  assertExists(monitor: string): void
  /** Queues events; throws an error with status 429 and `details.retry_after` (seconds) when the queue is full. */
  ingest(monitor: string, events: readonly object[]): void
}
