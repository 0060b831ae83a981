/**
 * 003 §2's example attacks, as the PX simulator plants them (preset
 * '003-abuse': card testing by user id, address and card-holder name; DDoS
 * and fuzzing by user id and address; a partner's batch job and a shared
 * corporate address beside them), replayed over HTTP into a monitor with the
 * default config: each attack opens one incident of its type naming its
 * pseudonymised entity, and the heavy honest users are left alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AttackLabel, PxTraffic } from '../../src/simulator/px/index.js'
import { createPxTraffic } from '../../src/simulator/px/index.js'
import { buildTestApp, type TestApp } from '../helper.js'

const KEY = 'test-px-attacks-key-0123456789abcdef-0123'
const ABUSE_TYPES = ['card_testing', 'ddos', 'fuzzing']

interface IncidentView {
  type: string
  title: string
  dimensions: Record<string, string>
  requests_to_detect: number
}

async function pseudonym(t: TestApp, value: string): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/pseudonyms/lookup', payload: { value } })
  expect(res.statusCode, res.body).toBe(200)
  return (res.json() as { pseudonym: string }).pseudonym
}

describe('PX simulator attacks (preset 003-abuse) through the API', () => {
  let t: TestApp
  let traffic: PxTraffic
  let abuse: IncidentView[] = []

  beforeAll(async () => {
    // four hours at 3 requests/s from 20,000 users on 5,000 addresses: an hour of warm-up, then the 7 attacks spread over the rest
    traffic = createPxTraffic({ seed: 3, duration_minutes: 240, rate_per_second: 3, users: 20_000, ips: 5_000, presets: ['003-abuse'] })
    t = await buildTestApp({ PSEUDONYM_KEY: KEY })
    const put = await t.app.inject({ method: 'PUT', url: '/monitors/px', payload: {} })
    expect(put.statusCode, put.body).toBe(200)
    let pending: object[] = []
    const send = async (): Promise<void> => {
      const res = await t.app.inject({ method: 'POST', url: '/monitors/px/events', payload: pending })
      expect(res.statusCode, res.body).toBe(202)
      expect(res.json().rejected).toBe(0)
      pending = []
    }
    for (const events of traffic.events({ maxEvents: 4096 })) {
      pending.push(...events)
      if (pending.length >= 10_000) await send()
    }
    if (pending.length > 0) await send()
    await t.app.monitors.drain('px')
    const res = await t.app.inject({ method: 'GET', url: '/incidents?monitor=px&limit=500' })
    abuse = (res.json() as { incidents: IncidentView[] }).incidents.filter((i) => ABUSE_TYPES.includes(i.type))
  }, 120_000)
  afterAll(async () => t.close())

  it('plants every example attack and both kinds of heavy honest user', () => {
    expect(traffic.attacks.map((a) => `${a.type}/${a.entity_field}`).sort()).toEqual(
      ['card_testing/card_holder_name', 'card_testing/ip', 'card_testing/user_id', 'ddos/ip', 'ddos/user_id', 'fuzzing/ip', 'fuzzing/user_id'].sort(),
    )
    expect(traffic.benign.map((b) => b.kind).sort()).toEqual(['batch_job', 'corporate_ip'])
  })

  it('each attack opens exactly one incident of its type naming its pseudonymised entity', async () => {
    const found = await Promise.all(
      traffic.attacks.map(async (a: AttackLabel) => {
        const name = await pseudonym(t, a.entity_value)
        const mine = abuse.filter((i) => i.type === a.type && i.dimensions[a.entity_field] === name)
        return { attack: a.id, field: a.entity_field, incidents: mine.length, dimensions: mine.map((i) => i.dimensions) }
      }),
    )
    const names = await Promise.all(traffic.attacks.map(async (a) => ({ [a.entity_field]: await pseudonym(t, a.entity_value) })))
    expect(found).toEqual(traffic.attacks.map((a, i) => ({ attack: a.id, field: a.entity_field, incidents: 1, dimensions: [names[i]] })))
    for (const i of abuse) expect(i.title).toMatch(/^Sev \d - (Card testing|DDoS|Fuzzing) \| (IP|User ID|Card Holder Name) = ps_[A-Za-z0-9_-]{22}$/)
  })

  it("no incident names a partner's batch job or a shared corporate address", async () => {
    const honest = new Set(await Promise.all(traffic.benign.map(async (b) => pseudonym(t, b.entity_value))))
    expect(honest.size).toBe(traffic.benign.length)
    expect(abuse.filter((i) => Object.values(i.dimensions).some((v) => honest.has(v)))).toEqual([])
  })

  it('no incident shows a raw user id, address or card-holder name', () => {
    const raw = new Set([...traffic.attacks.map((a) => a.entity_value), ...traffic.benign.map((b) => b.entity_value)])
    for (const i of abuse) for (const v of Object.values(i.dimensions)) expect(raw.has(v)).toBe(false)
  })
})
