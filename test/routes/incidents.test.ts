import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../helper.js'
import { candidate, minute, monitorConfig } from '../incidents/fixtures.js'

describe('incident routes', () => {
  let t: TestApp
  const ids: string[] = []
  beforeAll(async () => {
    t = await buildTestApp()
    const config = monitorConfig({ severity: { default: 3, breadth_bump: true, rules: [{ when: { type: 'system_errors', dimensions: { operation: 'add_pi' } }, severity: 2 }] } })
    for (let i = 0; i < 12; i++) {
      const type = ['system_errors', 'user_errors', 'latency', 'traffic'][i % 4]!
      const dims: Record<string, string> = i % 2 === 0 ? { operation: 'add_pi', instance: `px-${i}` } : { country: 'CA', instance: `px-${i}` }
      const { incident } = await t.app.incidents.report(candidate(dims, { type, detected_at: minute(i) }), { name: i < 8 ? 'px' : 'checkout', config })
      ids.push(incident.incident_id)
    }
  })
  afterAll(async () => t.close())

  it('GET /incidents lists newest first, and paging with the cursor reaches every incident', async () => {
    const first = await t.app.inject({ url: '/incidents' })
    expect(first.statusCode).toBe(200)
    expect(first.json().incidents.map((i: { incident_id: string }) => i.incident_id)).toEqual([...ids].reverse())
    expect(first.json().next_cursor).toBeNull()

    const seen: string[] = []
    let cursor: string | null = null
    do {
      const query: Record<string, string> = { monitor: 'px', limit: '3' }
      if (cursor !== null) query.cursor = cursor
      const page: { incidents: Array<{ incident_id: string }>; next_cursor: string | null } = (await t.app.inject({ url: '/incidents', query })).json()
      expect(page.incidents.length).toBeLessThanOrEqual(3)
      seen.push(...page.incidents.map((i) => i.incident_id))
      cursor = page.next_cursor
    } while (cursor !== null)
    expect(seen).toEqual(ids.slice(0, 8).reverse())
  })

  it('filters by monitor, type, severity, status and detection time', async () => {
    const list = async (query: Record<string, string>): Promise<Array<Record<string, unknown>>> => {
      const res = await t.app.inject({ url: '/incidents', query })
      expect(res.statusCode, res.body).toBe(200)
      return res.json().incidents
    }
    expect(await list({ monitor: 'checkout' })).toHaveLength(4)
    const errors = await list({ type: 'system_errors' })
    expect(errors.map((i) => i.type)).toEqual(['system_errors', 'system_errors', 'system_errors'])
    const sev2 = await list({ severity: '2' })
    expect(sev2.map((i) => i.title)).toEqual([
      'Sev 2 - Increase in system errors | Operation = add_pi | Instance = px-8',
      'Sev 2 - Increase in system errors | Operation = add_pi | Instance = px-4',
      'Sev 2 - Increase in system errors | Operation = add_pi | Instance = px-0',
    ])
    expect((await list({ since: minute(3), until: minute(6) })).map((i) => i.detected_at)).toEqual([minute(5), minute(4), minute(3)])
    expect(await list({ status: 'resolved' })).toHaveLength(0)
  })

  it('rejects bad filters with 400 naming the field', async () => {
    for (const [query, field] of [
      [{ limit: '501' }, 'limit'],
      [{ limit: '0' }, 'limit'],
      [{ status: 'closed' }, 'status'],
      [{ severity: '5' }, 'severity'],
      [{ since: 'yesterday' }, 'since'],
      [{ monitors: 'px' }, 'monitors'],
      [{ cursor: '../x' }, 'cursor'],
      [{ since: minute(5), until: minute(1) }, 'since'],
    ] as const) {
      const res = await t.app.inject({ url: '/incidents', query })
      expect(res.statusCode, JSON.stringify(query)).toBe(400)
      expect(res.body).toContain(field)
    }
  })

  it('GET /incidents/{id} answers the incident, or 404 naming the id', async () => {
    const res = await t.app.inject({ url: `/incidents/${ids[0]}` })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ incident_id: ids[0], status: 'open', dimensions: { operation: 'add_pi', instance: 'px-0' }, evidence: { metric: 'error_rate_5xx' } })
    expect(res.json().evidence.series).toHaveLength(3)
    const missing = await t.app.inject({ url: '/incidents/inc-20990101T000000000Z-00000000' })
    expect(missing.statusCode).toBe(404)
    expect(missing.json().error).toContain('inc-20990101T000000000Z-00000000')
    expect((await t.app.inject({ url: '/incidents/..%2Fetc' })).statusCode).toBe(400)
  })

  it('acknowledges and resolves, with or without a note; 409 once resolved', async () => {
    const id = ids[1]!
    const ack = await t.app.inject({ method: 'POST', url: `/incidents/${id}/ack`, payload: { note: 'rolling back' } })
    expect(ack.statusCode).toBe(200)
    expect(ack.json()).toMatchObject({ status: 'acknowledged', ack_note: 'rolling back' })
    const again = await t.app.inject({ method: 'POST', url: `/incidents/${id}/ack` })
    expect(again.statusCode, again.body).toBe(200)
    expect((await t.app.inject({ url: '/incidents', query: { status: 'acknowledged' } })).json().incidents.map((i: { incident_id: string }) => i.incident_id)).toEqual([id])

    const resolved = await t.app.inject({ method: 'POST', url: `/incidents/${id}/resolve` })
    expect(resolved.statusCode, resolved.body).toBe(200)
    expect(resolved.json()).toMatchObject({ status: 'resolved', resolved_by: 'manual' })
    const twice = await t.app.inject({ method: 'POST', url: `/incidents/${id}/resolve`, payload: { note: 'again' } })
    expect(twice.statusCode).toBe(409)
    expect(twice.json().error).toContain(id)
    expect((await t.app.inject({ method: 'POST', url: `/incidents/${id}/ack` })).statusCode).toBe(409)
    expect((await t.app.inject({ method: 'POST', url: '/incidents/inc-missing/resolve' })).statusCode).toBe(404)
    const tooLong = await t.app.inject({ method: 'POST', url: `/incidents/${ids[2]}/ack`, payload: { note: 'x'.repeat(2001) } })
    expect(tooLong.statusCode).toBe(400)
    const unknown = await t.app.inject({ method: 'POST', url: `/incidents/${ids[2]}/ack`, payload: { status: 'resolved' } })
    expect(unknown.statusCode).toBe(400)
  })

  it('documents the routes with an incident example in 003 form', async () => {
    const doc = (await t.app.inject({ url: '/docs/json' })).json()
    const get = doc.paths['/incidents/{incident_id}'].get
    expect(get.tags).toEqual(['incidents'])
    const example = JSON.stringify(doc.paths['/incidents/{incident_id}'].get.responses['200'])
    expect(example).toContain('Sev 2 - Increase in system errors | Partner = cart')
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/incidents', '/incidents/{incident_id}/ack', '/incidents/{incident_id}/resolve']))
  })
})
