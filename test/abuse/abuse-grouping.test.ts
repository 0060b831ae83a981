/**
 * One attack, one incident: the other ids an attack goes through (a user's
 * proxy addresses, an address's throwaway accounts, a card-holder name's
 * addresses) alarm too, but fold into the incident of the entity that sent
 * most of their suspect requests, listed in its evidence by pseudonym.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MONITOR_CONFIG_EXAMPLE } from '../../src/monitors/monitor-config.js'
import { buildTestApp, type TestApp } from '../helper.js'
import { abuseTraffic, BATCH_IP, BATCH_USER, CORPORATE_IP, type Attack } from './abuse-traffic.js'

const START = Date.UTC(2026, 0, 5)
const KEY = 'test-grouping-key-0123456789abcdef-012345'

interface Related {
  field: string
  entity: string
  suspect_requests: number
}

interface IncidentView {
  type: string
  dimensions: Record<string, string>
  absorbed: number
  evidence: { related_entities?: Related[]; related_entities_total?: number }
}

const ATTACKS: Attack[] = [
  { kind: 'ddos_user', user: 'user-ddos-7', from: 100, perMinute: 30, minutes: 10, proxies: 4 },
  { kind: 'ddos_ip', ip: '192.0.2.80', from: 104, perMinute: 40, minutes: 10, users: 8 },
  { kind: 'card_testing_holder', holder: 'Grouped Holder', from: 108, perMinute: 9, minutes: 15, proxies: 3 },
]
const PROXIES = [0, 1, 2, 3].map((i) => `172.21.0.${i}`)
const BOTS = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => `bot-192.0.2.80-${i}`)
const HOLDER_PROXIES = [0, 1, 2].map((i) => `172.17.0.${i}`)

describe('an attack through many ids opens one incident', () => {
  let t: TestApp
  let abuse: IncidentView[] = []
  const names = new Map<string, string>()
  const pseudonym = async (value: string): Promise<string> => {
    const res = await t.app.inject({ method: 'POST', url: '/pseudonyms/lookup', payload: { value } })
    expect(res.statusCode, res.body).toBe(200)
    const name = (res.json() as { pseudonym: string }).pseudonym
    names.set(name, value)
    return name
  }

  beforeAll(async () => {
    t = await buildTestApp({ PSEUDONYM_KEY: KEY })
    const put = await t.app.inject({ method: 'PUT', url: '/monitors/px', payload: MONITOR_CONFIG_EXAMPLE })
    expect(put.statusCode, put.body).toBe(200)
    let pending: Record<string, unknown>[] = []
    const send = async (): Promise<void> => {
      const res = await t.app.inject({ method: 'POST', url: '/monitors/px/events', payload: pending })
      expect(res.statusCode, res.body).toBe(202)
      pending = []
    }
    for (const batch of abuseTraffic({ start: START, minutes: 150, perMinute: 200, users: 3000, ips: 600, seed: 23, attacks: ATTACKS, batchPerMinute: 100, corporateUsers: 60 })) {
      pending.push(...batch)
      if (pending.length >= 10_000) await send()
    }
    if (pending.length > 0) await send()
    await t.app.monitors.drain('px')
    const res = await t.app.inject({ method: 'GET', url: '/incidents?monitor=px&limit=500' })
    abuse = (res.json() as { incidents: IncidentView[] }).incidents.filter((i) => ['card_testing', 'ddos', 'fuzzing'].includes(i.type))
    for (const v of [...PROXIES, ...BOTS, ...HOLDER_PROXIES]) await pseudonym(v)
  }, 300_000)
  afterAll(async () => t.close())

  it('each attack opens exactly one incident, naming the entity that sent it', async () => {
    for (const i of abuse) console.log(`${i.type} ${JSON.stringify(i.dimensions)}: related ${JSON.stringify((i.evidence.related_entities ?? []).map((r) => [names.get(r.entity), r.suspect_requests]))}`)
    const expected: { type: string; dimensions: Record<string, string> }[] = [
      { type: 'ddos', dimensions: { user_id: await pseudonym('user-ddos-7') } },
      { type: 'ddos', dimensions: { ip: await pseudonym('192.0.2.80') } },
      { type: 'card_testing', dimensions: { card_holder_name: await pseudonym('Grouped Holder') } },
    ]
    const key = (x: { type: string; dimensions: Record<string, string> }): string => JSON.stringify([x.type, x.dimensions])
    expect(abuse.map((i) => ({ type: i.type, dimensions: i.dimensions })).sort((a, b) => key(a).localeCompare(key(b)))).toEqual(expected.sort((a, b) => key(a).localeCompare(key(b))))
  })

  it("lists the attack's other ids that alarmed as related entities, by pseudonym, with their suspect requests", async () => {
    const related = async (type: string, field: string, value: string): Promise<Related[]> => {
      const name = await pseudonym(value)
      const incident = abuse.find((i) => i.type === type && i.dimensions[field] === name)
      expect(incident).toBeDefined()
      const list = incident?.evidence.related_entities ?? []
      expect(incident?.evidence.related_entities_total).toBe(list.length)
      return list
    }
    const proxies = await related('ddos', 'user_id', 'user-ddos-7')
    expect(proxies.map((r) => ({ field: r.field, value: names.get(r.entity) })).sort((a, b) => String(a.value).localeCompare(String(b.value)))).toEqual(PROXIES.map((value) => ({ field: 'ip', value })))
    const bots = await related('ddos', 'ip', '192.0.2.80')
    expect(bots.length).toBeGreaterThan(0)
    for (const r of bots) expect({ field: r.field, bot: BOTS.includes(names.get(r.entity) ?? '') }).toEqual({ field: 'user_id', bot: true })
    const holderIps = await related('card_testing', 'card_holder_name', 'Grouped Holder')
    for (const r of holderIps) expect({ field: r.field, proxy: HOLDER_PROXIES.includes(names.get(r.entity) ?? '') }).toEqual({ field: 'ip', proxy: true })
    for (const r of [...proxies, ...bots, ...holderIps]) {
      expect(r.entity).toMatch(/^ps_[A-Za-z0-9_-]{22}$/)
      expect(r.suspect_requests).toBeGreaterThanOrEqual(5)
    }
    // largest first
    for (const list of [proxies, bots, holderIps]) expect(list.map((r) => r.suspect_requests)).toEqual([...list.map((r) => r.suspect_requests)].sort((a, b) => b - a))
  })

  it('leaves the batch job and the corporate IP alone', async () => {
    const honest = new Set([await pseudonym(BATCH_USER), await pseudonym(BATCH_IP), await pseudonym(CORPORATE_IP)])
    for (const i of abuse) {
      expect(Object.values(i.dimensions).some((v) => honest.has(v))).toBe(false)
      expect((i.evidence.related_entities ?? []).some((r) => honest.has(r.entity))).toBe(false)
    }
  })

  it('erasing a related entity finds the incident that lists it', async () => {
    const proxy = await pseudonym(PROXIES[0] as string)
    const res = await t.app.inject({ method: 'GET', url: '/incidents?monitor=px&limit=500' })
    const listing = (res.json() as { incidents: (IncidentView & { incident_id: string })[] }).incidents.filter((i) => (i.evidence.related_entities ?? []).some((r) => r.entity === proxy))
    expect(listing.length).toBe(1)
    const erased = t.app.abuse.eraseSubject('px', proxy)
    expect(erased.incidents).toEqual(listing.map((i) => i.incident_id))
  })
})
