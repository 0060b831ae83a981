import type { Readable } from 'node:stream'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { LiveSimulator, liveStream, resolveConfig } from '../../src/simulator/index.js'
import { buildTestApp, type TestApp } from '../helper.js'

/**
 * Issue 15: anyone could start the simulator at 10,000 rows/s and open
 * unlimited streams (200 readers: 3.4 GB RSS; 300 stalled clients: 4.9 GB,
 * 4.78 GB still after they left). Now the rate is capped, streams are
 * counted, and a reader that does not read costs a bounded buffer, then its
 * connection. (`npm run bench:stall` measures /health and RSS with 300
 * stalled clients.)
 */
describe('simulator limits through the API', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp({ SIMULATOR_MAX_STREAMS: '1' })
  })
  afterAll(async () => {
    await t.app.inject({ method: 'POST', url: '/simulator/control', payload: { action: 'stop' } })
    await t.close()
  })

  it('a rate above SIMULATOR_MAX_RATE → 400 naming the limit', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/simulator/control', payload: { action: 'start', config: { log_generation: { logs_per_second: 5000 } } } })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({
      error: 'config.log_generation.logs_per_second must be at most 1000 (SIMULATOR_MAX_RATE); got 5000',
      field: 'config.log_generation.logs_per_second',
      limit: 1000,
    })
    expect((await t.app.inject({ url: '/simulator' })).json()).toMatchObject({ running: false })
  })

  it('a config that would never write a row (an endless loop before) → 400', async () => {
    const config = { log_generation: { logs_per_second: 1e-200 }, global_anomaly_rate: 1e-200, service_sources: ['auth-service'] }
    const live = await t.app.inject({ method: 'POST', url: '/simulator/control', payload: { action: 'start', config } })
    expect(live.statusCode).toBe(400)
    expect(live.json<{ error: string }>().error).toMatch(/the simulator config produces no rows/)
    const generated = await t.app.inject({ method: 'POST', url: '/simulator/datasets', payload: { rows: 10, config } })
    expect(generated.statusCode).toBe(400)
  })

  it('one stream more than SIMULATOR_MAX_STREAMS → 429 with Retry-After', async () => {
    const started = await t.app.inject({ method: 'POST', url: '/simulator/control', payload: { action: 'start', config: { log_generation: { logs_per_second: 50 } } } })
    expect(started.statusCode).toBe(200)
    const first = t.app.inject({ url: '/simulator/stream?duration_seconds=1.5' })
    for (let i = 0; i < 100 && (await t.app.inject({ url: '/simulator' })).json<{ subscribers: number }>().subscribers < 1; i++) await new Promise((r) => setTimeout(r, 20))
    const second = await t.app.inject({ url: '/simulator/stream?duration_seconds=1' })
    expect(second.statusCode).toBe(429)
    expect(second.headers['retry-after']).toBe('10')
    expect(second.json()).toMatchObject({ error: expect.stringMatching(/1 simulator stream is already open, the limit \(SIMULATOR_MAX_STREAMS\)/), limit: 1 })
    expect((await first).statusCode).toBe(200)
    // the slot is free again once the first stream ended
    expect((await t.app.inject({ url: '/simulator/stream?limit=1' })).statusCode).toBe(200)
  })
})

describe('a reader that does not read', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('costs at most its buffer: rows beyond it are dropped, and after the stall timeout it is disconnected', async () => {
    vi.useFakeTimers({ now: Date.UTC(2025, 0, 7, 12) })
    const limits = { maxRate: 1000, maxStreams: 4, streamBufferBytes: 20_000, stallTimeoutMs: 3000 }
    const sim = new LiveSimulator(Date.now, 100, limits)
    sim.start(resolveConfig({ log_generation: { logs_per_second: 200 } }))
    const stream: Readable = liveStream(sim, { format: 'ndjson', labels: true })
    const errors: Error[] = []
    stream.on('error', (err) => errors.push(err))
    let peak = 0
    for (let i = 0; i < 20; i++) {
      vi.advanceTimersByTime(100)
      peak = Math.max(peak, stream.readableLength)
    }
    // two seconds of rows at 200/s would be ~400 KB: the buffer holds its limit, no more
    expect(peak).toBeGreaterThan(10_000)
    expect(peak).toBeLessThanOrEqual(20_000)
    expect(stream.destroyed).toBe(false)
    vi.advanceTimersByTime(3000)
    expect(stream.destroyed).toBe(true)
    await vi.runOnlyPendingTimersAsync()
    expect(errors[0]?.message).toMatch(/reader stalled: its 20000-byte buffer stayed full for 3000 ms; disconnected/)
    expect(sim.status().subscribers).toBe(0)
    sim.close()
  })

  it('a burst never emits faster than maxRate', () => {
    vi.useFakeTimers({ now: Date.UTC(2025, 0, 7, 12) })
    const sim = new LiveSimulator(Date.now, 100, { maxRate: 100, maxStreams: 4, streamBufferBytes: 1 << 20, stallTimeoutMs: 10_000 })
    let rows = 0
    sim.start(resolveConfig({ log_generation: { logs_per_second: 100, burst_simulation: true, burst_interval_minutes: 1, burst_duration_seconds: 86_400, burst_multiplier: 50 } }))
    sim.subscribe({ record: () => rows++, end: () => undefined })
    vi.advanceTimersByTime(10_000)
    sim.close()
    expect(rows).toBeLessThanOrEqual(100 * 10 + 10)
  })
})
