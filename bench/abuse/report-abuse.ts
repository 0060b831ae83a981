/** Markdown tables of `npm run bench:abuse` (printed and written to docs/benchmarks-abuse.md). */
import type { AbuseReplay } from './replay-abuse.js'
import type { FullPopulationState } from './full-population-state.js'
import { WITHIN_REQUESTS, type AbuseScore, type TypeScore } from './score-abuse.js'

/** The issue's targets. */
export const TARGETS = { caughtWithin: 0.95, falsePerDay: 1, stateMb: 200, throughputRatio: 0.7 } as const

export interface Cost {
  readonly on: AbuseReplay
  readonly off: AbuseReplay
  readonly full: FullPopulationState
}

const pct = (n: number, d: number): string => (d === 0 ? '–' : `${((100 * n) / d).toFixed(0)}%`)
const num = (v: number | null, digits = 1): string => (v === null ? '–' : v.toFixed(digits))
const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`
const ok = (pass: boolean): string => (pass ? 'met' : '**not met**')
const rate = (r: AbuseReplay): number => r.events / r.ingestCpuS

export function targetTable(score: AbuseScore, cost: Cost): string {
  const rows = [
    '| target | measured | |',
    '|---|---|---|',
    ...score.byType
      .filter((t) => t.entities > 0)
      .map((t) => `| ${t.type}: ≥ ${TARGETS.caughtWithin * 100}% of attacking entities caught within ${WITHIN_REQUESTS} of their requests | ${pct(t.caughtWithin, t.entities)} (${t.caughtWithin} of ${t.entities}) | ${ok(t.caughtWithin >= TARGETS.caughtWithin * t.entities)} |`),
    ...score.byType.map((t) => {
      // an attack's proxy addresses and throwaway accounts took part in it: shown, but not counted against the target
      const innocent = t.falseIncidents - t.falseSide
      const perDay = innocent / score.days
      return `| ${t.type}: ≤ ${TARGETS.falsePerDay} false incident per simulated day | ${perDay.toFixed(2)} on entities that took no part in an attack (${innocent} in ${+score.days.toFixed(2)} day(s), ${t.falseBenign} on a benign heavy user); ${(t.falseIncidents / score.days).toFixed(2)} counting an attack's own other ids | ${ok(perDay <= TARGETS.falsePerDay)} |`
    }),
    `| entity state < ${TARGETS.stateMb} MB for ${((cost.full.users + cost.full.ips) / 1e6).toFixed(1)} million entities | ${mb(cost.full.status.bytes)} | ${ok(cost.full.status.bytes / 1e6 < TARGETS.stateMb)} |`,
    `| ingest throughput with entity detectors ≥ ${TARGETS.throughputRatio * 100}% of without | ${(100 * (rate(cost.on) / rate(cost.off))).toFixed(0)}% (${rate(cost.on).toFixed(0)} vs ${rate(cost.off).toFixed(0)} events per CPU-second) | ${ok(rate(cost.on) / rate(cost.off) >= TARGETS.throughputRatio)} |`,
  ]
  return rows.join('\n')
}

function typeRow(t: TypeScore, days: number): string {
  return `| ${t.type} | ${t.field} | ${t.entities} | ${pct(t.caught, t.entities)} | ${num(t.mean)} | ${num(t.p90, 0)} | ${num(t.max, 0)} | ${pct(t.caughtWithin, t.entities)} | ${t.duplicates} | ${(t.falseIncidents / days).toFixed(2)} | ${t.falseBenign} | ${t.falseSide} |`
}

export function detectionTable(score: AbuseScore): string {
  const head = [
    `| attack type | keyed on | attacking entities | caught | requests to detect: mean | p90 | max | caught within ${WITHIN_REQUESTS} | entities with duplicates | false incidents / day | of them on benign heavy | of them on an attack's other ids |`,
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ]
  return [...head, ...score.byType.map((t) => typeRow(t, score.days)), ...score.byField.map((t) => typeRow(t, score.days))].join('\n')
}

export function missedTable(score: AbuseScore): string {
  const rows = score.outcomes.filter((o) => !o.caught || (o.requestsToDetect ?? 0) > WITHIN_REQUESTS || o.incidents > 1 || o.otherTypes.length > 0)
  if (rows.length === 0) return `Every attacking entity was caught once, within ${WITHIN_REQUESTS} of its requests, by an incident of its own type only.`
  return [
    '| attack | keyed on | requests/min | its requests | requests to detect | minutes | incidents of its type | other types naming it |',
    '|---|---|---:|---:|---:|---:|---:|---|',
    ...rows.map((o) => `| ${o.id} | ${o.field} | ${o.requestsPerMinute} | ${o.entityRequests} | ${o.requestsToDetect ?? 'missed'} | ${num(o.minutesToDetect)} | ${o.incidents} | ${o.otherTypes.join(', ') || '–'} |`),
  ].join('\n')
}

export function falseTable(score: AbuseScore, limit = 40): string {
  const innocent = score.falseIncidents.filter((f) => f.kind !== 'attack_side')
  if (innocent.length === 0) return 'No abuse incident named an entity that took no part in an attack (ordinary user, address or card-holder name, or benign heavy user).'
  return [
    '| type | entity field | whose | of | detected at | requests to detect |',
    '|---|---|---|---|---|---:|',
    ...innocent.slice(0, limit).map((f) => `| ${f.type} | ${f.field} | ${f.kind.replace('_', ' ')} | ${f.of ?? '–'} | ${f.detectedAt} | ${f.requestsToDetect} |`),
    ...(innocent.length > limit ? [`| … ${innocent.length - limit} more | | | | | |`] : []),
  ].join('\n')
}

/** Incidents on the ids an attack used besides its keyed entity (proxy addresses, throwaway accounts), grouped by the attack's type and key. */
export function sideTable(score: AbuseScore, attacks: readonly { id: string; type: string; entity_field: string }[]): string {
  const byId = new Map(attacks.map((a) => [a.id, a]))
  const side = score.falseIncidents.filter((f) => f.kind === 'attack_side')
  if (side.length === 0) return 'No incident named an id an attack used besides its keyed entity.'
  const groups = new Map<string, { attacks: number; incidents: Map<string, number> }>()
  for (const a of attacks) {
    const key = `${a.type} | ${a.entity_field}`
    groups.set(key, groups.get(key) ?? { attacks: 0, incidents: new Map() })
    ;(groups.get(key) as { attacks: number }).attacks++
  }
  for (const f of side) {
    const a = f.of === null ? undefined : byId.get(f.of)
    if (a === undefined) continue
    const g = groups.get(`${a.type} | ${a.entity_field}`)
    if (g === undefined) continue
    const k = `${f.type} on ${f.field}`
    g.incidents.set(k, (g.incidents.get(k) ?? 0) + 1)
  }
  return [
    "| attack type | keyed on | attacks | incidents on the attack's other ids | per attack |",
    '|---|---|---:|---|---:|',
    ...[...groups].map(([key, g]) => {
      const total = [...g.incidents.values()].reduce((s, n) => s + n, 0)
      return `| ${key} | ${g.attacks} | ${[...g.incidents].map(([k, n]) => `${n} ${k}`).join(', ') || '–'} | ${(total / g.attacks).toFixed(1)} |`
    }),
  ].join('\n')
}

export function costTable(cost: Cost): string {
  const state = cost.on.finalState
  const fields = state === undefined ? [] : Object.entries(state.entities)
  const full = Object.entries(cost.full.status.entities)
  return [
    '| measure | result |',
    '|---|---|',
    `| ingest + detection, entity detectors on | ${rate(cost.on).toFixed(0)} events per CPU-second (${cost.on.events.toLocaleString('en-US')} events, ${cost.on.ingestCpuS.toFixed(1)} CPU-s; ${cost.on.wallS.toFixed(0)} s wall with generation) |`,
    `| ingest + detection, entity detectors off (the four regression detectors) | ${rate(cost.off).toFixed(0)} events per CPU-second (${cost.off.ingestCpuS.toFixed(1)} CPU-s; ${cost.off.wallS.toFixed(0)} s wall) |`,
    `| ratio on / off | ${(rate(cost.on) / rate(cost.off)).toFixed(2)} |`,
    `| entity state at the end of the simulated day | ${state === undefined ? '–' : mb(state.bytes)} (${fields.map(([f, s]) => `${f} ${s.kept.toLocaleString('en-US')} kept, ${mb(s.bytes)}`).join('; ')}); most held: ${mb(cost.on.peakStateBytes)} |`,
    `| entity state with every user and address seen once (${cost.full.users.toLocaleString('en-US')} + ${cost.full.ips.toLocaleString('en-US')}) | ${mb(cost.full.status.bytes)} (${full.map(([f, s]) => `${f} ${s.kept.toLocaleString('en-US')} kept in ${s.slots.toLocaleString('en-US')} slots, ${s.evicted.toLocaleString('en-US')} evicted, ${mb(s.bytes)}`).join('; ')}); one population scan ${cost.full.scanMs.toFixed(0)} ms |`,
    `| peak RSS of the process (on run / off run) | ${cost.on.peakRssMb.toFixed(0)} MB / ${cost.off.peakRssMb.toFixed(0)} MB |`,
  ].join('\n')
}
