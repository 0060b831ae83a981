/**
 * Entity detection costs: memory of the entity state for 1 million users and
 * 200,000 IPs, and ingest throughput of a monitor with the entity detectors
 * on vs off (same events, same process). `npm run bench:abuse-state`.
 * Prints a small table; numbers depend on the machine.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { AbuseEngine } from '../../src/abuse/abuse-engine.js'
import { BUILT_IN_ENTITY_DETECTORS } from '../../src/abuse/built-in-detectors.js'
import { createAbuseDetection } from '../../src/abuse/create-abuse-detection.js'
import { createIncidents } from '../../src/incidents/create-incidents.js'
import { checkMonitorConfig } from '../../src/monitors/check-monitor-config.js'
import { createDetectorRegistry } from '../../src/monitors/detector-registry.js'
import { DEFAULT_DETECTORS } from '../../src/monitors/monitor-config.js'
import { createMonitors } from '../../src/monitors/monitors.js'
import type { RequestEvent } from '../../src/monitors/request-event.js'
import { Pseudonymiser } from '../../src/privacy/pseudonymiser.js'
import { abuseTraffic } from '../../test/abuse/abuse-traffic.js'

const USERS = Number(process.env.USERS ?? 1_000_000)
const IPS = Number(process.env.IPS ?? 200_000)
const EVENTS = Number(process.env.EVENTS ?? 300_000)
const quiet = { warn: () => undefined, error: (o: object, m: string) => console.error(m, o) }

async function memory(): Promise<void> {
  const config = checkMonitorConfig({}, createDetectorRegistry())
  const sink = { report: async () => undefined, observe: () => [] }
  const engine = new AbuseEngine({ name: 'bench', config, detectors: BUILT_IN_ENTITY_DETECTORS, sink, log: quiet })
  const p = new Pseudonymiser(Buffer.from('bench-key-0123456789abcdef0123456789'), 1000)
  const start = Date.UTC(2026, 0, 5)
  const t0 = performance.now()
  // every user and IP once (a day's worth of distinct entities), in event-time order over a day
  const total = Math.max(USERS, IPS)
  for (let i = 0; i < total; i++) {
    const user = p.of(`user-${i % USERS}`)
    const n = i % IPS
    const ip = p.of(`10.${n >> 16}.${(n >> 8) & 255}.${n & 255}`)
    const event: RequestEvent = { time: start + Math.floor((i / total) * 86_400_000), leaf: '', status: 200, latency: 100, actor: { user, ip, cardHolder: undefined, card: undefined, flags: 0 } }
    engine.observe(event)
  }
  const fed = performance.now() - t0
  const t1 = performance.now()
  engine.closeMinute(Math.floor((start + 86_400_000) / 60_000))
  const scan = performance.now() - t1
  const status = engine.status()
  console.log('| entity field | kept | slots | evicted | MB |')
  console.log('|---|---:|---:|---:|---:|')
  for (const [field, s] of Object.entries(status.entities)) console.log(`| ${field} | ${s.kept} | ${s.slots} | ${s.evicted} | ${(s.bytes / 1e6).toFixed(1)} |`)
  console.log(`\nentity state: ${(status.bytes / 1e6).toFixed(1)} MB for ${USERS} users + ${IPS} IPs; one population scan ${scan.toFixed(0)} ms; ${((fed * 1e6) / total).toFixed(0)} ns per event (HMAC included, cache of 1000)`)
}

async function throughput(entity: boolean): Promise<{ perSecond: number; minutes: number; falseIncidents: number }> {
  const root = await mkdtemp(path.join(tmpdir(), 'vigil-bench-abuse-'))
  try {
    const incidents = await createIncidents({ root: path.join(root, 'incidents'), log: quiet })
    const abuse = await createAbuseDetection({ storageRoot: root, pseudonymKey: 'bench-key-0123456789abcdef0123456789', incidents, log: quiet, sweepEvery: null })
    const monitors = await createMonitors({ root: path.join(root, 'monitors'), sink: incidents, log: quiet, extension: abuse.extension })
    const detectors = entity ? [...DEFAULT_DETECTORS] : DEFAULT_DETECTORS.filter((d) => !['card_testing', 'ddos', 'fuzzing'].includes(d))
    await monitors.put('px', { detectors })
    const perMinute = 2000
    const minutesTotal = Math.ceil(EVENTS / perMinute)
    // generated as it goes (a day of events does not fit in memory as objects); only ingest and detection are timed
    let busy = 0
    let events = 0
    let pending: Record<string, unknown>[] = []
    const push = async (): Promise<void> => {
      const t0 = performance.now()
      monitors.ingest('px', pending)
      await monitors.drain('px')
      busy += performance.now() - t0
      events += pending.length
      pending = []
    }
    for (const batch of abuseTraffic({ start: Date.UTC(2026, 0, 5), minutes: minutesTotal, perMinute, users: 100_000, ips: 20_000, seed: 1 })) {
      pending.push(...batch)
      if (pending.length >= 20_000) await push()
    }
    if (pending.length > 0) await push()
    const seconds = busy / 1000
    // honest traffic only: every abuse incident is a false one
    const falseIncidents = incidents.list({ monitor: 'px', limit: 500 }).incidents.filter((i) => ['card_testing', 'ddos', 'fuzzing'].includes(i.type)).length
    await monitors.close()
    await abuse.close()
    await incidents.close()
    return { perSecond: events / seconds, minutes: minutesTotal, falseIncidents }
  } finally {
    await rm(root, { recursive: true, force: true })
  }
}

await memory()
const off = await throughput(false)
const on = await throughput(true)
console.log(`\n| ingest + detection | events/s |\n|---|---:|\n| entity detectors off | ${off.perSecond.toFixed(0)} |\n| entity detectors on | ${on.perSecond.toFixed(0)} |\n| ratio | ${(on.perSecond / off.perSecond).toFixed(2)} |`)
console.log(`\nfalse abuse incidents (honest traffic: 100,000 users, 20,000 IPs): ${on.falseIncidents} in ${on.minutes} simulated minutes`)
