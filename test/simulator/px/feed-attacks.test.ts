import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../helper.js'

interface FeedView {
  id: string
  attacks: { id: string; type: string; entity_field: string; entity_value: string; start: string; end: string }[]
  benign_heavy: { id: string; kind: string; entity_field: string; entity_value: string }[]
}

describe('POST /simulator/px with attacks', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp()
    expect((await t.app.inject({ method: 'PUT', url: '/monitors/pxabuse', payload: {} })).statusCode).toBe(200)
  })
  afterAll(async () => t.close())

  it('answers with the attacks and the benign heavy users as ground truth', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/simulator/px',
      payload: { monitor: 'pxabuse', config: { duration_minutes: 600, rate_per_second: 1, presets: ['003-abuse'] }, speed: 60 },
    })
    expect(res.statusCode, res.body).toBe(202)
    const feed = res.json() as FeedView
    expect(feed.attacks.map((a) => a.type)).toEqual(['card_testing', 'ddos', 'fuzzing', 'card_testing', 'ddos', 'fuzzing', 'card_testing'])
    expect(feed.attacks.map((a) => a.entity_field)).toEqual(['user_id', 'user_id', 'user_id', 'ip', 'ip', 'ip', 'card_holder_name'])
    expect(feed.attacks.every((a) => a.entity_value.length > 0 && a.start < a.end)).toBe(true)
    expect(feed.benign_heavy.map((b) => [b.kind, b.entity_field])).toEqual([
      ['batch_job', 'user_id'],
      ['corporate_ip', 'ip'],
    ])
    const got = (await t.app.inject({ method: 'GET', url: `/simulator/px/${feed.id}` })).json() as FeedView
    expect(got.attacks).toEqual(feed.attacks)
    expect((await t.app.inject({ method: 'DELETE', url: `/simulator/px/${feed.id}` })).statusCode).toBe(200)
  })

  it('answers a bad attack config with a 400 naming the field', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/simulator/px', payload: { monitor: 'pxabuse', config: { attacks: { fuzzing: { client_error_rate: 0.95, server_error_rate: 0.1 } } } } })
    expect(res.statusCode).toBe(400)
    expect(res.body).toMatch(/config\.attacks\.fuzzing/)
  })
})
