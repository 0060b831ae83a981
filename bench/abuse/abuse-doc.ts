/**
 * docs/benchmarks-abuse.md from a run. The hand-written analysis between the
 * `<!-- findings -->` markers of the existing doc is kept as it is.
 */
import type { PxTraffic } from '../../src/simulator/px/index.js'
import type { AbuseBenchShape } from './abuse-options.js'
import { costTable, detectionTable, falseTable, missedTable, sideTable, targetTable, type Cost } from './report-abuse.js'
import { WITHIN_REQUESTS, type AbuseScore } from './score-abuse.js'
import { keptFindings } from '../kept-findings.js'

export interface AbuseDocInput {
  readonly shape: AbuseBenchShape
  readonly traffic: PxTraffic
  readonly score: AbuseScore
  readonly cost: Cost
  readonly machine: string
  readonly load: string
  readonly date: string
}


export function abuseDoc(d: AbuseDocInput): string {
  const s = d.shape
  const a = d.traffic.attacks
  const count = (type: string): number => a.filter((x) => x.type === type).length
  const benign = d.traffic.benign.map((b) => `${b.id} (${b.requests_per_minute} requests/min)`).join(', ')
  return `# Benchmark: abuse detection (card testing, DDoS, fuzzing) on the PX simulator

\`npm run bench:abuse\` replays simulated PX traffic ([regressions-simulator.md](regressions-simulator.md#attacks-003-2)) through the monitors use case (\`createIncidents\` + \`createAbuseDetection\` + \`createMonitors\` in a temporary directory, no HTTP; a monitor with the default config, pseudonym key set by the bench) and scores the abuse incidents ([abuse.md](abuse.md)) against the simulator's attack labels. An attacking entity is caught when an incident of its attack's type names its pseudonym under its entity field; time to detect counts every request naming the entity from the attack's start up to the incident's \`detected_at\`. The same traffic is replayed a second time through a monitor whose \`detectors\` are only the four regression detectors, for the throughput with the entity detectors off.

\`\`\`bash
npm run bench:abuse                                   # the run below (rewrites this file, raw JSON in bench/results/)
npm run bench:abuse -- --days ${s.days} --rate ${s.ratePerSecond} --per-type ${s.perType} --seed ${s.seed}
npm run bench:abuse -- --quick                        # smoke: 1 day at 1 request/s, 3 attacks per type (~1-2 min); prints, does not rewrite this file
\`\`\`

## Scale of this run, and why

**${s.days} simulated day(s) at ${s.ratePerSecond} requests/s (${d.cost.on.events.toLocaleString('en-US')} events), ${s.users.toLocaleString('en-US')} users calling from ${s.ips.toLocaleString('en-US')} addresses, seed ${s.seed}.** Attacks: 003 §2's preset at its default rates and lengths with ${s.perType} attacking entities per type: card testing ${count('card_testing')} (keyed in turn on user id, address and card-holder name; 20 requests/min for 30 min, 85% failing), DDoS ${count('ddos')} (user id and address in turn; 300 psd2_session/min for 20 min), fuzzing ${count('fuzzing')} (user id and address; 120 malformed requests/min for 15 min, 85% 4xx, 10% 5xx), spread over the day after a warm-up of ${(d.score.warmupDays * 24).toFixed(1)} h. Benign heavy users: ${benign}. The simulator's default rate is 30 requests/s; the machine (2 shared cores) replays about ten thousand events per CPU-second, and the bench replays the day twice (detectors on and off), so the rate is cut to keep the run near ten minutes. Time to detect is counted in the entity's own requests, so it does not depend on the service's rate; what does is how many entities are active at once (the false-alarm level is split over them), so at 30/s the level per test is somewhat stricter and the false-incident budget is the same. Generated ${d.date}; load average ${d.load} on ${d.machine}.

## Targets

${targetTable(d.score, d.cost)}

## Detection by attack type

Requests to detect: requests naming the entity from its attack's start up to the detecting incident (caught entities only). Duplicates: entities named by more than one incident of their attack's type. False incidents: abuse incidents naming no attacking entity, per simulated day (warm-up included); "benign heavy" ones name a batch job or corporate address, "an attack's other ids" the proxy addresses and throwaway accounts an attack used besides its keyed entity.

${detectionTable(d.score)}

### Attacks missed, caught after more than ${WITHIN_REQUESTS} requests, duplicated, or also named by another type

${missedTable(d.score)}

### False incidents (entities that took no part in an attack)

${falseTable(d.score)}

### Incidents on the other ids an attack used

An attack keyed on a user id calls through 4 proxy addresses of its own; one keyed on an address uses 40 fresh accounts (card testing by card-holder name: 60 accounts and 25 addresses). Those ids sent nothing but attack requests, so an incident naming one is not a false alarm on an innocent, but it is not the attack's keyed entity either, and each is a separate incident for whoever is on call:

${sideTable(d.score, a)}

## Cost

${costTable(d.cost)}

Events per CPU-second count the CPU (all threads) spent in \`monitors.ingest\` and \`drain\` on slices of 20,000 events, pseudonyms at ingest included in both runs; the simulator's generation is left out.

## Findings

${keptFindings('benchmarks-abuse.md')}
`
}
