import type { Incident, IncidentStatus } from './incident-schema.js'

export interface IncidentFilter {
  readonly monitor?: string | undefined
  readonly status?: IncidentStatus | undefined
  readonly type?: string | undefined
  readonly severity?: number | undefined
  /** detected_at at or after this time (ISO 8601). */
  readonly since?: string | undefined
  /** detected_at before this time (ISO 8601). */
  readonly until?: string | undefined
  readonly limit?: number | undefined
  /** next_cursor of the previous page. */
  readonly cursor?: string | undefined
}

export interface IncidentPage {
  readonly incidents: Incident[]
  /** Pass as `cursor` for the next page; null on the last one. */
  readonly next_cursor: string | null
}

export const DEFAULT_PAGE = 50
export const MAX_PAGE = 500

/**
 * One page of incidents, newest detection first. `ids` is ascending, and ids
 * sort like detected_at, so the page walks it backwards from the cursor (the
 * last id of the previous page): incidents changed between pages are neither
 * repeated nor skipped; only ones detected later than the cursor, and opened
 * meanwhile, appear on no page of this walk (start again to see them).
 */
export function pageIncidents(ids: readonly string[], get: (id: string) => Incident | undefined, filter: IncidentFilter): IncidentPage {
  const limit = Math.max(1, Math.min(MAX_PAGE, Math.floor(filter.limit ?? DEFAULT_PAGE)))
  const since = filter.since === undefined ? -Infinity : Date.parse(filter.since)
  const until = filter.until === undefined ? Infinity : Date.parse(filter.until)
  let i = filter.cursor === undefined ? ids.length - 1 : lowerBound(ids, filter.cursor) - 1
  const incidents: Incident[] = []
  for (; i >= 0 && incidents.length < limit; i--) {
    const incident = get(ids[i]!)
    if (incident === undefined) continue
    // ids sort like detected_at: nothing further down is recent enough
    if (Date.parse(incident.detected_at) < since) {
      i = -1
      break
    }
    if (matches(incident, filter, since, until)) incidents.push(incident)
  }
  const more = incidents.length === limit && hasMatchBelow(ids, i, get, filter, since, until)
  return { incidents, next_cursor: more ? incidents[incidents.length - 1]!.incident_id : null }
}

function matches(incident: Incident, filter: IncidentFilter, since: number, until: number): boolean {
  if (filter.monitor !== undefined && incident.monitor !== filter.monitor) return false
  if (filter.status !== undefined && incident.status !== filter.status) return false
  if (filter.type !== undefined && incident.type !== filter.type) return false
  if (filter.severity !== undefined && incident.severity !== filter.severity) return false
  const detected = Date.parse(incident.detected_at)
  return detected >= since && detected < until
}

function hasMatchBelow(ids: readonly string[], from: number, get: (id: string) => Incident | undefined, filter: IncidentFilter, since: number, until: number): boolean {
  for (let i = from; i >= 0; i--) {
    const incident = get(ids[i]!)
    if (incident === undefined) continue
    if (Date.parse(incident.detected_at) < since) return false
    if (matches(incident, filter, since, until)) return true
  }
  return false
}

/** First index whose id is >= `id`. */
export function lowerBound(ids: readonly string[], id: string): number {
  let lo = 0
  let hi = ids.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (ids[mid]! < id) lo = mid + 1
    else hi = mid
  }
  return lo
}
