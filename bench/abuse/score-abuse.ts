/**
 * Score an abuse replay against the simulator's ground truth: per attacking
 * entity, whether an incident of its type names its pseudonym under its
 * field, after how many of its own requests, and how many incidents it got;
 * and the incidents that name no attacking entity.
 */
import type { Incident } from '../../src/incidents/incident-schema.js'
import type { AttackType, PxTraffic } from '../../src/simulator/px/index.js'
import { ENTITY_DETECTORS, type AbuseReplay } from './replay-abuse.js'

/** 003's bar: an attacker is caught within this many of its own requests. */
export const WITHIN_REQUESTS = 20

export interface AttackOutcome {
  readonly id: string
  readonly type: AttackType
  readonly field: string
  readonly requestsPerMinute: number
  /** Requests naming the entity from the attack's start to its end (+ the tracking margin). */
  readonly entityRequests: number
  readonly caught: boolean
  /** Requests naming the entity from the attack's start up to and including the first matching incident's detected_at. */
  readonly requestsToDetect: number | null
  readonly minutesToDetect: number | null
  /** Incidents of the right type naming the entity. */
  readonly incidents: number
  /** Incidents of another abuse type naming the entity. */
  readonly otherTypes: string[]
}

export type FalseKind = 'benign_heavy' | 'attack_side' | 'ordinary'

export interface FalseIncident {
  readonly type: string
  readonly kind: FalseKind
  /** Benign label or attack id, when the entity is one of theirs. */
  readonly of: string | null
  readonly field: string
  readonly detectedAt: string
  readonly requestsToDetect: number
}

export interface TypeScore {
  readonly type: string
  readonly field: string
  readonly entities: number
  readonly caught: number
  readonly caughtWithin: number
  readonly mean: number | null
  readonly p90: number | null
  readonly max: number | null
  readonly duplicates: number
  readonly falseIncidents: number
  readonly falseBenign: number
  readonly falseSide: number
}

export interface AbuseScore {
  readonly outcomes: AttackOutcome[]
  readonly falseIncidents: FalseIncident[]
  /** Per attack type, then per type and entity field. */
  readonly byType: TypeScore[]
  readonly byField: TypeScore[]
  readonly days: number
  readonly warmupDays: number
}

const isAbuse = (i: Incident): boolean => ENTITY_DETECTORS.includes(i.type)
const entityOf = (i: Incident): [string, string] | undefined => Object.entries(i.dimensions)[0]

export function scoreAbuse(traffic: PxTraffic, replay: AbuseReplay): AbuseScore {
  const abuse = replay.incidents.filter(isAbuse).sort((a, b) => a.detected_at.localeCompare(b.detected_at))
  const named = new Set<Incident>()
  const outcomes = traffic.attacks.map((a, i): AttackOutcome => {
    const pseudonym = replay.pseudonyms.get(a.entity_value)
    const naming = abuse.filter((inc) => pseudonym !== undefined && inc.dimensions[a.entity_field] === pseudonym)
    for (const inc of naming) named.add(inc)
    const right = naming.filter((inc) => inc.type === a.type)
    const times = replay.entityTimes[i] ?? new Float64Array(0)
    const first = right[0]
    let requestsToDetect: number | null = null
    let minutesToDetect: number | null = null
    if (first !== undefined) {
      const at = Date.parse(first.detected_at)
      requestsToDetect = times.filter((t) => t <= at).length
      minutesToDetect = (at - Date.parse(a.start)) / 60_000
    }
    return {
      id: a.id,
      type: a.type,
      field: a.entity_field,
      requestsPerMinute: a.requests_per_minute,
      entityRequests: times.length,
      caught: first !== undefined,
      requestsToDetect,
      minutesToDetect,
      incidents: right.length,
      otherTypes: naming.filter((inc) => inc.type !== a.type).map((inc) => inc.type),
    }
  })
  const benignByPseudonym = new Map(traffic.benign.map((b) => [replay.pseudonyms.get(b.entity_value), b.id]))
  const sideByPseudonym = new Map([...replay.sideEntities].map(([raw, id]) => [replay.pseudonyms.get(raw), id]))
  const falseIncidents = abuse
    .filter((inc) => !named.has(inc))
    .map((inc): FalseIncident => {
      const [field, value] = entityOf(inc) ?? ['', '']
      const benign = benignByPseudonym.get(value)
      const side = sideByPseudonym.get(value)
      const kind: FalseKind = benign !== undefined ? 'benign_heavy' : side !== undefined ? 'attack_side' : 'ordinary'
      return { type: inc.type, kind, of: benign ?? side ?? null, field, detectedAt: inc.detected_at, requestsToDetect: inc.requests_to_detect ?? 0 }
    })
  const days = (traffic.config.timeline.endMs - traffic.config.timeline.startMs) / 86_400_000
  const byType = [...new Set(traffic.attacks.map((a) => a.type))].map((type) =>
    summarise(type, 'all', outcomes.filter((o) => o.type === type), falseIncidents.filter((f) => f.type === type)),
  )
  for (const type of ENTITY_DETECTORS) {
    if (!byType.some((t) => t.type === type)) byType.push(summarise(type, 'all', [], falseIncidents.filter((f) => f.type === type)))
  }
  const byField: TypeScore[] = []
  for (const type of ENTITY_DETECTORS) {
    const fields = [...new Set(outcomes.filter((o) => o.type === type).map((o) => o.field))]
    for (const field of fields) byField.push(summarise(type, field, outcomes.filter((o) => o.type === type && o.field === field), falseIncidents.filter((f) => f.type === type && f.field === field)))
  }
  const warmup = traffic.attacks.length === 0 ? 0 : Math.min(...traffic.attacks.map((a) => Date.parse(a.start))) - traffic.config.timeline.startMs
  return { outcomes, falseIncidents, byType, byField, days, warmupDays: warmup / 86_400_000 }
}

function summarise(type: string, field: string, outcomes: AttackOutcome[], falses: FalseIncident[]): TypeScore {
  const r = outcomes.flatMap((o) => (o.requestsToDetect === null ? [] : [o.requestsToDetect])).sort((a, b) => a - b)
  return {
    type,
    field,
    entities: outcomes.length,
    caught: outcomes.filter((o) => o.caught).length,
    caughtWithin: r.filter((n) => n <= WITHIN_REQUESTS).length,
    mean: r.length === 0 ? null : r.reduce((s, n) => s + n, 0) / r.length,
    p90: r.length === 0 ? null : (r[Math.min(r.length - 1, Math.ceil(0.9 * r.length) - 1)] as number),
    max: r.length === 0 ? null : (r[r.length - 1] as number),
    duplicates: outcomes.filter((o) => o.incidents > 1).length,
    falseIncidents: falses.length,
    falseBenign: falses.filter((f) => f.kind === 'benign_heavy').length,
    falseSide: falses.filter((f) => f.kind === 'attack_side').length,
  }
}
