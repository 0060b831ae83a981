import { afterEach, describe, expect, it, vi } from 'vitest'
import { createVigilClient, type DeliveryError, type DropReport, type VigilClient } from '../src/index.js'
import { fakeVigil, hammer, monitoredService, refusedUrl, type Running } from './servers.js'

/**
 * Seed 003 §3.1/§3.2: Vigil being stopped, slow or full must not change how
 * the monitored service answers. A real HTTP service calls vigil.send() in
 * each request; the assertions are about behaviour and order, never about
 * how many milliseconds something took.
 */
describe('the monitored service is unharmed when Vigil', () => {
  const cleanup: (() => Promise<unknown>)[] = []
  afterEach(async () => {
    for (const step of cleanup.reverse()) await step()
    cleanup.length = 0
  })
  const track = <T extends Running | VigilClient>(thing: T): T => {
    cleanup.push(() => thing.close())
    return thing
  }

  it('is stopped (connection refused): every request answered, send() returns nothing to await, losses bounded and counted', async () => {
    const errors: DeliveryError[] = []
    const drops: DropReport[] = []
    const vigil = track(
      createVigilClient({ url: await refusedUrl(), monitor: 'px', maxBuffer: 50, batchSize: 10, flushIntervalMs: 20, onError: (e) => void errors.push(e), onDrop: (d) => void drops.push(d) }),
    )
    const service = track(await monitoredService(vigil))

    const answers = await hammer(service.url, 200)

    expect(answers.every((a) => a.status === 200 && a.body === 'ok')).toBe(true)
    expect(service.handled()).toBe(200)
    expect(service.sendResults).toHaveLength(200)
    expect(service.sendResults.every((r) => r === undefined)).toBe(true)
    await vi.waitFor(() => expect(vigil.stats().failed_requests).toBeGreaterThan(0), { timeout: 10_000 })
    const stats = vigil.stats()
    expect(stats.sent).toBe(0)
    expect(stats.received).toBe(200)
    // memory bound: the buffer plus the one batch being retried
    expect(stats.queued).toBeLessThanOrEqual(50 + 10)
    expect(stats.dropped_overflow).toBeGreaterThanOrEqual(200 - 60)
    expect(stats.received).toBe(stats.queued + stats.sent + stats.dropped_overflow + stats.dropped_failed + stats.dropped_closed)
    expect(errors[0]).toMatchObject({ status: null, attempt: 1, willRetry: true })

    const closed = await vigil.close(100)
    expect(closed.queued).toBe(0)
    expect(closed.received).toBe(closed.dropped_overflow + closed.dropped_failed + closed.dropped_closed)
    expect(drops.filter((d) => d.reason === 'overflow').reduce((sum, d) => sum + d.events, 0)).toBe(closed.dropped_overflow)
    expect(drops.some((d) => d.reason === 'closed')).toBe(true)
  })

  it('is slow (holds its first answer 5 s): all 200 requests answered before Vigil answered its first, one request in flight, then everything delivered', async () => {
    const slow = track(await fakeVigil((n) => (n === 0 ? { status: 202, delayMs: 5000 } : { status: 202 })))
    const vigil = track(createVigilClient({ url: slow.url, monitor: 'px', batchSize: 10, flushIntervalMs: 20, timeoutMs: 20_000 }))
    const service = track(await monitoredService(vigil))

    const first = await hammer(service.url, 20)
    // the client is now waiting on the slow Vigil...
    await slow.firstRequest
    // ...while the service takes the rest of its traffic
    const rest = await hammer(service.url, 180)

    expect([...first, ...rest].every((a) => a.status === 200 && a.body === 'ok')).toBe(true)
    expect(service.handled()).toBe(200)
    expect(slow.seen).toHaveLength(1)
    expect(slow.seen[0]?.answeredAt).toBeUndefined()
    expect(service.sendResults.every((r) => r === undefined)).toBe(true)

    const done = await vigil.flush(20_000)
    expect(done).toMatchObject({ received: 200, sent: 200, queued: 0, dropped_overflow: 0, dropped_failed: 0, failed_requests: 0 })
    expect(slow.delivered()).toEqual(Array.from({ length: 200 }, (_, i) => i))
    expect(slow.maxConcurrent()).toBe(1)
  })

  it('answers 429 with Retry-After: the service is unaffected, sending pauses for the Retry-After, then resumes; what did not fit is counted', async () => {
    const full = track(await fakeVigil((n) => (n === 0 ? { status: 429, headers: { 'retry-after': '1' }, body: { error: 'queue full', status_code: 429 } } : { status: 202 })))
    const drops: DropReport[] = []
    const vigil = track(createVigilClient({ url: full.url, monitor: 'px', maxBuffer: 50, batchSize: 10, flushIntervalMs: 20, onDrop: (d) => void drops.push(d) }))
    const service = track(await monitoredService(vigil))

    const answers = await hammer(service.url, 200)
    expect(answers.every((a) => a.status === 200 && a.body === 'ok')).toBe(true)
    expect(service.sendResults.every((r) => r === undefined)).toBe(true)

    const done = await vigil.flush(20_000)
    expect(done.retries_after).toBe(1)
    expect(done.failed_requests).toBe(0)
    expect(done.dropped_failed).toBe(0)
    expect(done.queued).toBe(0)
    expect(done.sent + done.dropped_overflow).toBe(200)
    // the pause: nothing was sent until the Retry-After had passed (a lower bound, which a slow machine only makes longer)
    const [refused, resumed] = full.seen
    expect(refused?.status).toBe(429)
    expect((resumed?.receivedAt ?? 0) - (refused?.answeredAt ?? 0)).toBeGreaterThanOrEqual(950)
    // the refused batch was kept and sent again; every event arrived once, in order
    const delivered = full.delivered()
    const first = refused?.events.map((e) => e.id) ?? []
    expect(first.length).toBeGreaterThan(0)
    expect(delivered.slice(0, first.length)).toEqual(first)
    expect(delivered).toHaveLength(done.sent)
    expect(delivered.every((id, i) => i === 0 || id > (delivered[i - 1] as number))).toBe(true)
    expect(drops.filter((d) => d.reason === 'overflow').reduce((sum, d) => sum + d.events, 0)).toBe(done.dropped_overflow)
  })
})
