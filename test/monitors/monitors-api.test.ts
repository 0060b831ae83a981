import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../helper.js'
import { syntheticTraffic, type Injected } from './synthetic-traffic.js'

const START = Date.UTC(2026, 0, 5)
const HOUR = 3_600_000

async function replay(t: TestApp, name: string, minutes: number, perMinute: number, inject: Injected[], extraDimension?: string): Promise<void> {
  let pending: Record<string, unknown>[] = []
  const send = async (): Promise<void> => {
    const res = await t.app.inject({ method: 'POST', url: `/monitors/${name}/events`, payload: pending })
    expect(res.statusCode, res.body).toBe(202)
    pending = []
  }
  for (const batch of syntheticTraffic({ start: START, minutes, perMinute, seed: 3, inject, extraDimension })) {
    pending.push(...batch)
    if (pending.length >= 20_000) await send()
  }
  if (pending.length > 0) await send()
  await t.app.monitors.drain(name)
}

async function incidents(t: TestApp, name: string): Promise<Record<string, unknown>[]> {
  const res = await t.app.inject({ method: 'GET', url: `/incidents?monitor=${name}&limit=500` })
  expect(res.statusCode).toBe(200)
  return (res.json() as { incidents: Record<string, unknown>[] }).incidents
}

describe('regression monitors through the API', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp()
  })
  afterAll(async () => t.close())

  it('the OpenAPI example config is a working monitor, with defaults filled in', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, { put?: { requestBody?: { content: Record<string, { example?: unknown; examples?: Record<string, { value: unknown }> }> } } }> }
    const body = spec.paths['/monitors/{name}']?.put?.requestBody?.content['application/json']
    const example = body?.example ?? Object.values(body?.examples ?? {})[0]?.value
    expect(example).toBeDefined()
    const res = await t.app.inject({ method: 'PUT', url: '/monitors/example', payload: example as object })
    expect(res.statusCode, res.body).toBe(200)
    const put = res.json() as { created: boolean; monitor: { config: { dimensions: string[]; detectors: string[]; max_depth: number } } }
    expect(put.created).toBe(true)
    expect(put.monitor.config.dimensions).toEqual(['partner', 'country', 'operation', 'pi_type', 'flight', 'region', 'instance'])
    expect(put.monitor.config.detectors).toEqual(['system_errors', 'user_errors', 'latency', 'traffic', 'card_testing', 'ddos', 'fuzzing'])
    expect((await t.app.inject({ method: 'GET', url: '/monitors/example' })).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'DELETE', url: '/monitors/example' })).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'GET', url: '/monitors/example' })).statusCode).toBe(404)
  })

  it('refuses configs it cannot run, naming the field', async () => {
    const unknown = await t.app.inject({ method: 'PUT', url: '/monitors/bad', payload: { detectors: ['system_errors', 'tea_leaves'] } })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().error).toContain('tea_leaves')
    const wide = await t.app.inject({ method: 'PUT', url: '/monitors/bad', payload: { dimensions: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k'], max_depth: 4 } })
    expect(wide.statusCode).toBe(400)
    expect(wide.json().error).toMatch(/max_depth to \d/)
    expect((await t.app.inject({ method: 'GET', url: '/monitors/bad' })).statusCode).toBe(404)
  })

  it('counts bad events by line, refuses a batch of garbage, accepts NDJSON', async () => {
    await t.app.inject({ method: 'PUT', url: '/monitors/lines', payload: {} })
    const good = { timestamp: '2026-01-05T00:00:00Z', partner: 'cart', status: 200, latency_ms: 12 }
    const mixed = await t.app.inject({ method: 'POST', url: '/monitors/lines/events', payload: [good, { ...good, status: 'OK' }, { ...good, timestamp: 'yesterday' }] })
    expect(mixed.statusCode).toBe(202)
    expect(mixed.json()).toMatchObject({ accepted: 1, rejected: 2, errors: [{ line: 2 }, { line: 3 }] })
    const garbage = await t.app.inject({ method: 'POST', url: '/monitors/lines/events', payload: [{ nope: 1 }, 7] })
    expect(garbage.statusCode).toBe(400)
    const ndjson = `${JSON.stringify(good)}\n\nnot json\n${JSON.stringify(good)}\n`
    const nd = await t.app.inject({ method: 'POST', url: '/monitors/lines/events', headers: { 'content-type': 'application/x-ndjson' }, payload: ndjson })
    expect(nd.statusCode).toBe(202)
    expect(nd.json()).toMatchObject({ accepted: 2, rejected: 1, errors: [{ line: 3, error: 'not valid JSON' }] })
    expect((await t.app.inject({ method: 'POST', url: '/monitors/nobody/events', payload: [good] })).statusCode).toBe(404)
  })

  it("003's first example: one incident on Edit PI x Mastercard x Canada x DIME, in 003's title form, within the TTD target", async () => {
    await t.app.inject({ method: 'PUT', url: '/monitors/px', payload: { severity: { default: 3, rules: [{ when: { type: 'system_errors', dimensions: { operation: 'edit_pi' } }, severity: 2 }] } } })
    const from = START + 6 * HOUR
    const dims = { operation: 'edit_pi', pi_type: 'mc', country: 'CA', partner: 'dime' }
    await replay(t, 'px', 7 * 60, 3000, [{ dimensions: dims, from, to: from + HOUR, status5xx: 0.2 }])
    const found = await incidents(t, 'px')
    const errorsIncidents = found.filter((i) => i.type === 'system_errors')
    expect(errorsIncidents).toHaveLength(1)
    const incident = errorsIncidents[0] as { dimensions: Record<string, string>; title: string; severity: number; requests_to_detect: number; detected_at: string; evidence: { series: { value: number | null; high: number | null }[] } }
    expect(incident.dimensions).toEqual(dims)
    expect(incident.title).toMatch(/^Sev 2 - Increase in system errors \| /)
    expect(incident.title).toContain('Partner = dime')
    expect(incident.title).toContain('PIType = mc')
    expect(incident.requests_to_detect).toBeLessThanOrEqual(45)
    expect(Date.parse(incident.detected_at)).toBeGreaterThanOrEqual(from)
    // the evidence shows minutes above the normal range after the change
    expect(incident.evidence.series.some((p) => p.value !== null && p.high !== null && p.value > p.high)).toBe(true)
    // the false-incident budget: at most one other incident over 7 simulated hours
    expect(found.length).toBeLessThanOrEqual(2)
  }, 300_000)

  it('a dimension added to the config is detected on with no code change', async () => {
    await t.app.inject({ method: 'PUT', url: '/monitors/sdk', payload: { dimensions: ['partner', 'country', 'operation', 'pidl_sdk_version'], detectors: ['system_errors'] } })
    const from = START + 4 * HOUR
    await replay(t, 'sdk', 5 * 60, 1500, [{ dimensions: { pidl_sdk_version: '2.2', operation: 'add_pi' }, from, to: from + HOUR, status5xx: 0.25 }], 'pidl_sdk_version')
    const found = (await incidents(t, 'sdk')).filter((i) => i.type === 'system_errors')
    if (process.env.DEBUG_INCIDENTS) console.log(JSON.stringify(found.map((i) => [i.dimensions, i.requests_to_detect, i.detected_at, i.started_at])))
    expect(found.map((i) => i.dimensions)).toContainEqual({ operation: 'add_pi', pidl_sdk_version: '2.2' })
  }, 300_000)
})
