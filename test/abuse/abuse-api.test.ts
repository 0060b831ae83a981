import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MONITOR_CONFIG_EXAMPLE } from '../../src/monitors/monitor-config.js'
import { buildTestApp, type TestApp } from '../helper.js'
import { abuseTraffic, BATCH_IP, BATCH_USER, CORPORATE_IP, type Attack } from './abuse-traffic.js'

const START = Date.UTC(2026, 0, 5)
const KEY = 'test-pseudonym-key-0123456789abcdef-0123'

interface IncidentView {
  incident_id: string
  type: string
  title: string
  dimensions: Record<string, string>
  requests_to_detect: number
  absorbed: number
  evidence: Record<string, unknown> & { series: { requests: number; value: number | null }[] }
}

const ATTACKS: Attack[] = [
  { kind: 'card_testing_ip', ip: '192.0.2.66', from: 100, perMinute: 6, minutes: 12 },
  { kind: 'ddos_user', user: 'user-ddos-42', from: 100, perMinute: 30, minutes: 10 },
  { kind: 'fuzzing_ip', ip: '192.0.2.99', from: 105, perMinute: 20, minutes: 10 },
  { kind: 'card_testing_holder', holder: 'Jane Q Tester', from: 110, perMinute: 6, minutes: 12 },
]

async function replay(t: TestApp, name: string, attacks: Attack[]): Promise<void> {
  let pending: Record<string, unknown>[] = []
  const send = async (): Promise<void> => {
    const res = await t.app.inject({ method: 'POST', url: `/monitors/${name}/events`, payload: pending })
    expect(res.statusCode, res.body).toBe(202)
    expect(res.json().rejected).toBe(0)
    pending = []
  }
  for (const batch of abuseTraffic({ start: START, minutes: 150, perMinute: 200, users: 3000, ips: 600, seed: 11, attacks, batchPerMinute: 100, corporateUsers: 60 })) {
    pending.push(...batch)
    if (pending.length >= 10_000) await send()
  }
  if (pending.length > 0) await send()
  await t.app.monitors.drain(name)
}

async function pseudonym(t: TestApp, value: string): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/pseudonyms/lookup', payload: { value } })
  expect(res.statusCode, res.body).toBe(200)
  return (res.json() as { pseudonym: string }).pseudonym
}

describe('entity detectors through the API', () => {
  let t: TestApp
  let abuse: IncidentView[] = []
  beforeAll(async () => {
    t = await buildTestApp({ PSEUDONYM_KEY: KEY })
    const put = await t.app.inject({ method: 'PUT', url: '/monitors/px', payload: MONITOR_CONFIG_EXAMPLE })
    expect(put.statusCode, put.body).toBe(200)
    await replay(t, 'px', ATTACKS)
    const res = await t.app.inject({ method: 'GET', url: '/incidents?monitor=px&limit=500' })
    abuse = (res.json() as { incidents: IncidentView[] }).incidents.filter((i) => ['card_testing', 'ddos', 'fuzzing'].includes(i.type))
  }, 300_000)
  afterAll(async () => t.close())

  it('the example config runs the three entity detectors by default', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/monitors/px' })
    expect(res.json().config.detectors).toEqual(expect.arrayContaining(['card_testing', 'ddos', 'fuzzing']))
    const detectors = (await t.app.inject({ method: 'GET', url: '/monitors/detectors' })).json() as { detectors: { name: string; kind: string }[] }
    expect(detectors.detectors.filter((d) => d.kind === 'entity').map((d) => d.name)).toEqual(['card_testing', 'ddos', 'fuzzing'])
  })

  it('each attack opens exactly one incident of its type naming its pseudonymised entity', async () => {
    const expected = [
      { type: 'card_testing', dimensions: { ip: await pseudonym(t, '192.0.2.66') } },
      { type: 'card_testing', dimensions: { card_holder_name: await pseudonym(t, 'Jane Q Tester') } },
      { type: 'ddos', dimensions: { user_id: await pseudonym(t, 'user-ddos-42') } },
      { type: 'fuzzing', dimensions: { ip: await pseudonym(t, '192.0.2.99') } },
    ]
    for (const i of abuse) console.log(`${i.title}: ${i.requests_to_detect} requests to detect, absorbed ${i.absorbed}, p=${i.evidence.p_value}`)
    expect(abuse.map((i) => ({ type: i.type, dimensions: i.dimensions })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual(
      expected.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    )
    for (const i of abuse) {
      expect(i.requests_to_detect).toBeLessThanOrEqual(20)
      expect(i.title).toMatch(/^Sev \d - (Card testing|DDoS|Fuzzing) \| (IP|User ID|Card Holder Name) = ps_[A-Za-z0-9_-]{22}$/)
      expect(i.evidence.entity).toBe(Object.values(i.dimensions)[0])
      expect(i.evidence.series.length).toBeGreaterThan(0)
      expect(i.evidence.share_suspect as number).toBeGreaterThan(0.5)
      expect(Date.parse(i.evidence.first_request_at as string)).toBeLessThanOrEqual(Date.parse(i.evidence.latest_request_at as string))
    }
  })

  it('repeated activity by the same entity updates its one incident', () => {
    // every attack goes on for minutes after its detection: each minute's news folds into the same incident
    for (const i of abuse) expect(i.absorbed).toBeGreaterThanOrEqual(5)
  })

  it("a partner's batch job and a shared corporate IP are not flagged", async () => {
    const honest = new Set([await pseudonym(t, BATCH_USER), await pseudonym(t, BATCH_IP), await pseudonym(t, CORPORATE_IP)])
    expect(abuse.filter((i) => Object.values(i.dimensions).some((v) => honest.has(v)))).toEqual([])
  })

  it('keeps the entity state small and bounded', () => {
    const status = t.app.abuse.status('px')
    expect(status).toBeDefined()
    console.log(JSON.stringify(status))
    expect(status?.entities.user_id?.kept).toBeGreaterThan(3000)
  })
})
