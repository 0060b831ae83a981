import type { Incident } from './incident-schema.js'
import { lowerBound } from './list-incidents.js'

/**
 * The in-memory index of every incident: by id, ids in order (= by
 * detected_at), and the active (open or acknowledged) ones per monitor, so the
 * engine's per-minute calls touch only those, however many resolved
 * incidents have piled up.
 */
export class IncidentIndex {
  private readonly byId = new Map<string, Incident>()
  private readonly activeByMonitor = new Map<string, Set<Incident>>()
  /** Ascending. */
  readonly ids: string[] = []

  constructor(incidents: Iterable<Incident> = []) {
    for (const incident of incidents) {
      this.byId.set(incident.incident_id, incident)
      if (incident.status !== 'resolved') this.activeSet(incident.monitor).add(incident)
    }
    this.ids.push(...[...this.byId.keys()].sort())
  }

  get(id: string): Incident | undefined {
    return this.byId.get(id)
  }

  has(id: string): boolean {
    return this.byId.has(id)
  }

  add(incident: Incident): void {
    this.byId.set(incident.incident_id, incident)
    this.ids.splice(lowerBound(this.ids, incident.incident_id), 0, incident.incident_id)
    if (incident.status !== 'resolved') this.activeSet(incident.monitor).add(incident)
  }

  remove(id: string): void {
    const incident = this.byId.get(id)
    if (incident === undefined) return
    this.byId.delete(id)
    this.ids.splice(lowerBound(this.ids, id), 1)
    this.activeByMonitor.get(incident.monitor)?.delete(incident)
  }

  /** Call after an incident's status became resolved. */
  resolved(incident: Incident): void {
    this.activeByMonitor.get(incident.monitor)?.delete(incident)
  }

  /** Open and acknowledged incidents of a monitor. */
  active(monitor: string): Incident[] {
    return [...(this.activeByMonitor.get(monitor) ?? [])]
  }

  ofMonitor(monitor: string): string[] {
    return [...this.byId.values()].filter((i) => i.monitor === monitor).map((i) => i.incident_id)
  }

  private activeSet(monitor: string): Set<Incident> {
    let set = this.activeByMonitor.get(monitor)
    if (set === undefined) {
      set = new Set()
      this.activeByMonitor.set(monitor, set)
    }
    return set
  }
}
