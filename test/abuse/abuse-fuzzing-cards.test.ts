/**
 * Fuzzing the card operation: malformed add_pi requests with garbled cards
 * fail bank validation, but a malformed request is not a card test. The
 * attack opens its one fuzzing incident and no card_testing incident names
 * anyone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MONITOR_CONFIG_EXAMPLE } from '../../src/monitors/monitor-config.js'
import { buildTestApp, type TestApp } from '../helper.js'
import { abuseTraffic, type Attack } from './abuse-traffic.js'

const START = Date.UTC(2026, 0, 5)
const KEY = 'test-fuzzing-cards-key-0123456789abcdef-01'
const FUZZER = '192.0.2.77'

interface IncidentView {
  type: string
  dimensions: Record<string, string>
}

describe('fuzzing on add_pi', () => {
  let t: TestApp
  let abuse: IncidentView[] = []
  beforeAll(async () => {
    t = await buildTestApp({ PSEUDONYM_KEY: KEY })
    const put = await t.app.inject({ method: 'PUT', url: '/monitors/px', payload: MONITOR_CONFIG_EXAMPLE })
    expect(put.statusCode, put.body).toBe(200)
    const attacks: Attack[] = [{ kind: 'fuzzing_ip', ip: FUZZER, from: 100, perMinute: 20, minutes: 10, operation: 'add_pi' }]
    for (const batch of abuseTraffic({ start: START, minutes: 130, perMinute: 200, users: 3000, ips: 600, seed: 5, attacks })) {
      const res = await t.app.inject({ method: 'POST', url: '/monitors/px/events', payload: batch })
      expect(res.statusCode, res.body).toBe(202)
    }
    await t.app.monitors.drain('px')
    const res = await t.app.inject({ method: 'GET', url: '/incidents?monitor=px&limit=500' })
    abuse = (res.json() as { incidents: IncidentView[] }).incidents.filter((i) => ['card_testing', 'ddos', 'fuzzing'].includes(i.type))
  }, 300_000)
  afterAll(async () => t.close())

  it('opens the one fuzzing incident naming the address and no card_testing incident', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/pseudonyms/lookup', payload: { value: FUZZER } })
    const ip = (res.json() as { pseudonym: string }).pseudonym
    expect(abuse.map((i) => ({ type: i.type, dimensions: i.dimensions }))).toEqual([{ type: 'fuzzing', dimensions: { ip } }])
  })
})
