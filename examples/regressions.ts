/**
 * Regression monitors end to end (`npm run example:regressions`, against a
 * running server):
 *
 * 1. PUT /monitors/px-demo: 003's seven dimensions, the four detectors, a
 *    severity rule (system errors on Edit PI are Sev 2).
 * 2. POST /simulator/px: two simulated days of PX traffic with 003's four
 *    examples injected, streamed into the monitor as fast as it takes them
 *    (detection runs on event time, so two days replay in minutes).
 * 3. Poll the feed, then GET /incidents?monitor=px-demo and compare each
 *    incident with the regression the simulator injected: type, dimensions,
 *    requests to detect, and the evidence (per-minute series against the
 *    normal range) drawn as a line of text.
 *
 * PX_RATE (requests/s, default 10) and PX_DAYS (default 2) size the run;
 * VIGIL_URL the server (default http://localhost:8000).
 */
import { VigilClient } from './client.js'

const client = new VigilClient()
const RATE = Number(process.env.PX_RATE ?? 10)
const DAYS = Number(process.env.PX_DAYS ?? 2)
const MONITOR = 'px-demo'

interface Regression {
  id: string
  name: string
  type: string
  direction: string
  dimensions: Record<string, string>
  start: string
  end: string
}
interface Feed {
  id: string
  state: string
  events_sent: number
  event_time: string | null
  event_end: string
  error: string | null
  regressions: Regression[]
}
interface EvidencePoint {
  minute: string
  requests: number
  value: number | null
  low: number | null
  high: number | null
}
interface Incident {
  incident_id: string
  type: string
  title: string
  severity: number
  dimensions: Record<string, string>
  started_at: string
  detected_at: string
  requests_to_detect: number
  evidence: { metric: string; baseline: number; observed: number; p_value: number; series: EvidencePoint[] }
}

/** A JSON call through the example client (its errors name the status and the server's message). */
async function call<T>(method: string, path: string, body?: object): Promise<T> {
  return (await client.request(method, path, body)) as T
}

/** One character per minute: '·' in range, '▲' above, '▼' below, ' ' no requests. */
function sparkline(series: readonly EvidencePoint[]): string {
  return series
    .map((p) => {
      if (p.value === null || p.requests === 0) return ' '
      if (p.high !== null && p.value > p.high) return '▲'
      if (p.low !== null && p.value < p.low) return '▼'
      return '·'
    })
    .join('')
}

function sameDimensions(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a)
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k])
}

async function main(): Promise<void> {
  await call('GET', '/health')
  await call('DELETE', `/monitors/${MONITOR}`).catch(() => undefined)
  await call('PUT', `/monitors/${MONITOR}`, {
    description: 'PX payment-instrument API (simulated)',
    severity: { default: 3, rules: [{ when: { type: 'system_errors', dimensions: { operation: 'edit_pi' } }, severity: 2 }] },
  })
  console.log(`monitor ${MONITOR}: 003's seven dimensions, detectors system_errors, user_errors, latency, traffic`)

  const started = Date.now()
  let feed = await call<Feed>('POST', '/simulator/px', { monitor: MONITOR, config: { duration_minutes: DAYS * 1440, rate_per_second: RATE, presets: ['003'], seed: 1 } })
  console.log(`feeding ${DAYS} simulated days at ${RATE} requests/s with 003's four examples injected:`)
  for (const r of feed.regressions) console.log(`  ${r.id}  ${r.type.padEnd(13)} ${JSON.stringify(r.dimensions)}  from ${r.start}`)
  while (feed.state === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 2000))
    feed = await call<Feed>('GET', `/simulator/px/${feed.id}`)
    process.stdout.write(`\r  ${feed.events_sent.toLocaleString('en')} events sent, event time ${feed.event_time ?? '-'}   `)
  }
  if (feed.state !== 'finished') throw new Error(`feed ${feed.state}: ${feed.error ?? ''}`)
  // the feed is done when the monitor has queued everything; wait until detection has processed it
  for (;;) {
    const status = (await call<{ status: { pending_events: number; processed_events: number } }>('GET', `/monitors/${MONITOR}`)).status
    if (status.pending_events === 0) break
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
  const seconds = (Date.now() - started) / 1000
  console.log(`\n${feed.events_sent.toLocaleString('en')} events in ${seconds.toFixed(0)} s (${Math.round(feed.events_sent / seconds).toLocaleString('en')} events/s)`)

  const incidents: Incident[] = []
  for (let cursor: string | null = ''; cursor !== null; ) {
    const page: { incidents: Incident[]; next_cursor: string | null } = await call('GET', `/incidents?monitor=${MONITOR}&limit=100${cursor === '' ? '' : `&cursor=${cursor}`}`)
    incidents.push(...page.incidents)
    cursor = page.next_cursor
  }
  console.log(`\n${incidents.length} incident(s):`)
  for (const incident of [...incidents].reverse()) {
    const truth = feed.regressions.find((r) => r.type === incident.type && Date.parse(incident.detected_at) >= Date.parse(r.start) && Date.parse(incident.detected_at) <= Date.parse(r.end) + 15 * 60_000)
    const verdict = truth === undefined ? 'no injected regression (false incident)' : sameDimensions(truth.dimensions, incident.dimensions) ? `${truth.id}, exact combination` : `${truth.id}, injected ${JSON.stringify(truth.dimensions)}`
    console.log(`\n${incident.title}`)
    console.log(`  detected ${incident.detected_at} after ${incident.requests_to_detect} requests of the combination (change point ${incident.started_at})`)
    console.log(`  ${incident.evidence.metric}: baseline ${incident.evidence.baseline.toPrecision(3)}, since the change ${incident.evidence.observed.toPrecision(3)}, p = ${incident.evidence.p_value.toExponential(1)}`)
    console.log(`  per minute vs normal range: [${sparkline(incident.evidence.series)}]`)
    console.log(`  ground truth: ${verdict}`)
  }
  const found = feed.regressions.filter((r) => incidents.some((i) => i.type === r.type && sameDimensions(i.dimensions, r.dimensions)))
  console.log(`\n${found.length} of ${feed.regressions.length} injected regressions opened an incident on exactly their combination; details at ${client.baseUrl}/incidents?monitor=${MONITOR}`)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
})
