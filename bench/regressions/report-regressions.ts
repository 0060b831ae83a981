/** Markdown tables of `npm run bench:regressions` (pure: strings from scores). */
import type { ReplayResult } from './replay-traffic.js'
import type { FalseIncident, RunScore } from './evaluate-run.js'
import { REGRESSION_CLASSES } from './match-incidents.js'
import { type ClassSummary, perDay, quantile, mean, type RegressionOutcome, summarise, TRAFFIC_LEVELS, trafficLevel } from './score-regressions.js'

const f1 = (x: number): string => (Number.isFinite(x) ? x.toFixed(1) : '–')
const f0 = (x: number): string => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '–')
const f2 = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : '–')
const share = (k: number, n: number): string => (n === 0 ? '–' : `${Math.round((100 * k) / n)}% (${k}/${n})`)
const dims = (d: Readonly<Record<string, string>> | undefined): string => (d === undefined ? '–' : Object.keys(d).length === 0 ? '{} (service)' : Object.entries(d).map(([k, v]) => `${k}=${v}`).join(', '))
const table = (head: readonly string[], rows: readonly (readonly string[])[]): string =>
  [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`, ...rows.map((r) => `| ${r.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`)].join('\n')

const CLASS_LABEL: Record<string, string> = {
  system_errors: 'system errors (5xx)',
  user_errors: 'user errors (4xx)',
  latency: 'latency',
  traffic_drop: 'traffic drop (missing expected requests)',
  traffic_spike: 'traffic spike',
}

function summaryRow(s: ClassSummary): string[] {
  return [
    s.label,
    share(s.detected, s.injected),
    `${f1(s.ttdMean)} / ${f0(s.ttdP90)}`,
    `${f1(s.boundMean)} / ${f0(s.boundP90)}`,
    f0(s.fixedMean),
    f2(s.ratioMedian),
    `${s.exact} / ${s.tooBroad} / ${s.tooNarrow}`,
    `${f1(s.lagMeanMin)} / ${f1(s.lagP90Min)}`,
    f1(s.engineMean),
    String(s.duplicates),
  ]
}

const SUMMARY_HEAD = ['regressions', 'detected', 'time to detect, requests: mean / p90', 'SPRT bound: mean / p90', 'fixed-test bound: mean', 'median ttd / bound', 'localisation exact / too broad / too narrow', 'lag, min: mean / p90', "engine's requests_to_detect: mean", 'duplicate incidents']

export function classTable(outcomes: readonly RegressionOutcome[]): string {
  const random = outcomes.filter((o) => o.source === 'random')
  const rows = REGRESSION_CLASSES.map((c) => summaryRow(summarise(CLASS_LABEL[c] ?? c, random.filter((o) => o.cls === c))))
  rows.push(summaryRow(summarise('**all random**', random)))
  return table(SUMMARY_HEAD, rows)
}

export function levelTable(outcomes: readonly RegressionOutcome[]): string {
  const random = outcomes.filter((o) => o.source === 'random' && o.cls !== 'traffic_drop')
  const rows = TRAFFIC_LEVELS.map((l) => summaryRow(summarise(l.label, random.filter((o) => trafficLevel(o.expectedRpm) === l.label))))
  return table(SUMMARY_HEAD, rows)
}

export function levelTableDrops(outcomes: readonly RegressionOutcome[]): string {
  const drops = outcomes.filter((o) => o.source === 'random' && o.cls === 'traffic_drop')
  const rows = TRAFFIC_LEVELS.map((l) => summaryRow(summarise(l.label, drops.filter((o) => trafficLevel(o.expectedRpm) === l.label))))
  return table(SUMMARY_HEAD, rows)
}

/** The targets, each beside what was measured. */
export function targetTable(injected: RunScore, clean: RunScore | undefined, days: number): string {
  const random = injected.outcomes.filter((o) => o.source === 'random')
  // effects at least as easy to see as 1% → 20% (SPRT bound ≤ 23.4 requests)
  const easy = random.filter((o) => (o.cls === 'system_errors' || o.cls === 'user_errors') && o.bound !== undefined && o.bound.sprt <= 23.5)
  const easyTtd = easy.filter((o) => o.detected).map((o) => o.requestsToDetect as number)
  const x4 = injected.outcomes.find((o) => o.id === '003-4')
  const zero = random.filter((o) => o.cls === 'traffic_drop' && o.effect === '×0')
  const zeroTtd = zero.filter((o) => o.detected).map((o) => o.requestsToDetect as number)
  const hits = random.filter((o) => o.detected)
  const exact = hits.filter((o) => o.localisation === 'exact').length
  const falseInjected = perDay(injected.falseIncidents.length, injected.minutes)
  const falseClean = clean === undefined ? Number.NaN : perDay(clean.falseIncidents.length, clean.minutes)
  const verdict = (ok: boolean | undefined): string => (ok === undefined ? '–' : ok ? 'met' : '**missed**')
  const rows = [
    [
      'error-rate regression 1% → 20% (here: every injected error regression at least that easy, SPRT bound ≤ 23.4)',
      'mean ≤ 30, p90 ≤ 45 requests',
      `mean ${f1(mean(easyTtd))}, p90 ${f0(quantile(easyTtd, 0.9))}; detected ${share(easyTtd.length, easy.length)}`,
      verdict(easy.length === 0 ? undefined : easyTtd.length === easy.length && mean(easyTtd) <= 30 && quantile(easyTtd, 0.9) <= 45),
    ],
    [
      "a server starts answering 401 (003-4: instance=eastus-07, 95% 401)",
      '≤ 10 requests',
      x4 === undefined ? 'not in this run' : x4.detected ? `${f0(x4.requestsToDetect ?? Number.NaN)} requests (${x4.localisation})` : 'not detected',
      verdict(x4 === undefined ? undefined : x4.detected && (x4.requestsToDetect ?? Infinity) <= 10),
    ],
    [
      'traffic drop to zero',
      '≤ 12 missing expected requests',
      `mean ${f1(mean(zeroTtd))}, p90 ${f1(quantile(zeroTtd, 0.9))}; detected ${share(zeroTtd.length, zero.length)}`,
      verdict(zero.length === 0 ? undefined : zeroTtd.length === zero.length && mean(zeroTtd) <= 12),
    ],
    ['localisation exact (random regressions detected)', '≥ 80%', share(exact, hits.length), verdict(hits.length === 0 ? undefined : exact / hits.length >= 0.8)],
    [
      'false incidents per simulated day, one service',
      '≤ 1',
      `clean run ${f1(falseClean)}; injected run ${f1(falseInjected)} (${days} day(s) each)`,
      verdict(clean === undefined ? falseInjected <= 1 : falseClean <= 1 && falseInjected <= 1),
    ],
  ]
  return table(['target', 'goal', 'measured', 'verdict'], rows)
}

export function examples003Table(injected: RunScore): string {
  const rows = injected.outcomes
    .filter((o) => o.source === '003')
    .map((o) => {
      const count = o.detected ? 1 + o.duplicates : 0
      const ok = count === 1 && o.localisation === 'exact'
      return [
        o.id,
        o.cls,
        dims(o.dimensions),
        o.effect,
        f2(o.expectedRpm),
        String(count),
        o.detected ? `${o.localisation}: ${dims(o.incidentDimensions)}` : '–',
        f0(o.requestsToDetect ?? Number.NaN),
        f1(o.bound?.sprt ?? Number.NaN),
        f1(o.lagMinutes ?? Number.NaN),
        ok ? 'yes' : '**no**',
      ]
    })
  return table(['example', 'type', 'combination', 'effect', 'req/min', 'incidents', 'first incident', 'requests to detect', 'SPRT bound', 'lag min', 'exactly one, right type and dimensions'], rows)
}

function falseByKind(list: readonly FalseIncident[]): string {
  const counts = new Map<string, number>()
  for (const f of list) {
    const key = `${f.incident.type} ${f.incident.direction}${f.near === undefined ? '' : ' (side effect of an injected regression)'}`
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${n} × ${k}`).join('; ') || 'none'
}

export function falseTable(injected: RunScore, clean: RunScore | undefined): string {
  const row = (name: string, s: RunScore): string[] => {
    const warm = s.falseIncidents.filter((f) => Date.parse(f.incident.detected_at) < s.firstRegressionMs).length
    return [name, String(s.incidents), String(s.incidents - s.falseIncidents.length - s.duplicates), String(s.duplicates), String(s.falseIncidents.length), String(warm), f1(perDay(s.falseIncidents.length, s.minutes)), falseByKind(s.falseIncidents)]
  }
  const rows = [row('injected', injected)]
  if (clean !== undefined) rows.push(row('clean (no regression)', clean))
  return table(['run', 'incidents', 'first detections', 'duplicates', 'false incidents', 'of them before the first injected start', 'false per simulated day', 'false incidents by type'], rows)
}

export function costTable(runs: readonly { name: string; replay: ReplayResult }[]): string {
  return table(
    ['run', 'events', 'wall s', 'CPU s', 'events/s (CPU)', 'peak RSS MB'],
    runs.map(({ name, replay: r }) => [name, r.events.toLocaleString('en-US'), f1(r.wallS), f1(r.cpuS), f0(r.events / r.cpuS), f0(r.peakRssMb)]),
  )
}

export function detailTable(outcomes: readonly RegressionOutcome[]): string {
  return table(
    ['id', 'class', 'combination', 'effect', 'req/min', 'detected as', 'requests to detect', 'SPRT bound', 'lag min', 'duplicates'],
    outcomes.map((o) => [o.id, o.cls, dims(o.dimensions), o.effect, f2(o.expectedRpm), o.detected ? `${o.localisation}: ${dims(o.incidentDimensions)}` : 'not detected', f1(o.requestsToDetect ?? Number.NaN), f1(o.bound?.sprt ?? Number.NaN), f1(o.lagMinutes ?? Number.NaN), String(o.duplicates)]),
  )
}

export function falseDetailTable(list: readonly FalseIncident[], limit = 40): string {
  const rows = list.slice(0, limit).map((f) => [f.incident.type, f.incident.direction, dims(f.incident.dimensions), f.incident.started_at, f.incident.detected_at, String(f.incident.requests_to_detect), f.near ?? '–'])
  return table(['type', 'direction', 'combination', 'started_at', 'detected_at', 'requests_to_detect', 'overlaps injected'], rows) + (list.length > limit ? `\n\n(${list.length - limit} more)` : '')
}
