import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../helper.js'

interface Feed {
  id: string
  state: string
  events_sent: number
  event_time: string | null
  regressions: { type: string; dimensions: Record<string, string> }[]
}

async function waitForFeed(t: TestApp, id: string): Promise<Feed> {
  for (;;) {
    const res = await t.app.inject({ method: 'GET', url: `/simulator/px/${id}` })
    expect(res.statusCode).toBe(200)
    const feed = res.json() as Feed
    if (feed.state !== 'running') return feed
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe('POST /simulator/px streams simulated traffic into a monitor', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp()
  })
  afterAll(async () => t.close())

  it('feeds every event of the run to the monitor and returns the ground truth', async () => {
    expect((await t.app.inject({ method: 'PUT', url: '/monitors/px', payload: {} })).statusCode).toBe(200)
    const res = await t.app.inject({
      method: 'POST',
      url: '/simulator/px',
      payload: {
        monitor: 'px',
        config: { duration_minutes: 30, rate_per_second: 5, seed: 4, scenarios: [{ type: 'system_errors', dimensions: { operation: 'add_pi' }, effect: { rate: 0.3 }, start_offset_minutes: 20, duration_minutes: 10 }] },
        batch_events: 500,
      },
    })
    expect(res.statusCode, res.body).toBe(202)
    const started = res.json() as Feed
    expect(started.state).toBe('running')
    expect(started.regressions).toHaveLength(1)
    expect(started.regressions[0]).toMatchObject({ type: 'system_errors', dimensions: { operation: 'add_pi' } })
    const feed = await waitForFeed(t, started.id)
    expect(feed.state).toBe('finished')
    expect(feed.events_sent).toBeGreaterThan(5000)
    const status = await t.app.monitors.drain('px')
    expect(status.received_events).toBe(feed.events_sent)
    const list = (await t.app.inject({ method: 'GET', url: '/simulator/px' })).json() as { feeds: Feed[] }
    expect(list.feeds.map((f) => f.id)).toContain(started.id)
  })

  it('a paced feed can be stopped', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/simulator/px', payload: { monitor: 'px', config: { duration_minutes: 600, rate_per_second: 1 }, speed: 60 } })
    expect(res.statusCode).toBe(202)
    const stopped = await t.app.inject({ method: 'DELETE', url: `/simulator/px/${(res.json() as Feed).id}` })
    expect(stopped.statusCode).toBe(200)
    expect((stopped.json() as Feed).state).toBe('stopped')
  })

  it('names what is wrong: an unknown monitor, a bad simulator field, an unknown feed', async () => {
    const unknown = await t.app.inject({ method: 'POST', url: '/simulator/px', payload: { monitor: 'nobody' } })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().error).toContain('nobody')
    const bad = await t.app.inject({ method: 'POST', url: '/simulator/px', payload: { monitor: 'px', config: { duration_minutes: -5 } } })
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('duration_minutes')
    expect((await t.app.inject({ method: 'GET', url: '/simulator/px/3b0c7a9e-2f41-4c1e-9d7a-5a0e8f1d2c34' })).statusCode).toBe(404)
  })
})
