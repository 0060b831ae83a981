import { afterEach, describe, expect, it, vi } from 'vitest'
import { createVigilClient, type DeliveryError, type DropReport, type VigilClient, type VigilClientOptions } from '../src/index.js'
import { fakeVigil, numbered, refusedUrl, type FakeVigil } from './servers.js'

type Numbered = ReturnType<typeof numbered>[number]

describe('delivery to Vigil', () => {
  const open: { close(): Promise<unknown> }[] = []
  afterEach(async () => {
    for (const thing of open.reverse()) await thing.close()
    open.length = 0
  })
  const vigilAt = async (answer?: Parameters<typeof fakeVigil>[0]): Promise<FakeVigil> => {
    const fake = await fakeVigil(answer)
    open.push(fake)
    return fake
  }
  const client = (options: VigilClientOptions): VigilClient<Numbered> => {
    const c = createVigilClient<Numbered>(options)
    open.push(c)
    return c
  }
  const sendAll = (c: VigilClient<Numbered>, events: Numbered[]): void => {
    for (const e of events) c.send(e)
  }
  const ids = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i)

  it('delivers every event to a healthy Vigil, once, in order, in batches of at most batchSize, to the monitor\'s route with the API key', async () => {
    const fake = await vigilAt()
    const c = client({ url: `${fake.url}/vigil`, monitor: 'px', apiKey: 'k-123', batchSize: 100, flushIntervalMs: 10 })
    sendAll(c, numbered(1234))
    const stats = await c.flush(20_000)
    expect(stats).toMatchObject({ received: 1234, sent: 1234, queued: 0, dropped_overflow: 0, dropped_failed: 0, failed_requests: 0 })
    expect(fake.delivered()).toEqual(ids(0, 1234))
    expect(Math.max(...fake.seen.map((s) => s.events.length))).toBeLessThanOrEqual(100)
    expect(new Set(fake.seen.map((s) => s.path))).toEqual(new Set(['/vigil/monitors/px/events']))
    expect(new Set(fake.seen.map((s) => s.authorization))).toEqual(new Set(['Bearer k-123']))
  })

  it('sends a full batch at once without waiting for the interval, and a partial one on the interval', async () => {
    const fake = await vigilAt()
    const sized = client({ url: fake.url, monitor: 'px', batchSize: 50, flushIntervalMs: 3_600_000 })
    sendAll(sized, numbered(150))
    await vi.waitFor(() => expect(fake.delivered()).toHaveLength(150), { timeout: 10_000 })
    expect(fake.seen.map((s) => s.events.length)).toEqual([50, 50, 50])

    const timed = client({ url: fake.url, monitor: 'px', batchSize: 50, flushIntervalMs: 20 })
    sendAll(timed, numbered(7, 1000))
    await vi.waitFor(() => expect(fake.delivered()).toHaveLength(157), { timeout: 10_000 })
    expect(fake.seen.at(-1)?.events.map((e) => e.id)).toEqual(ids(1000, 1007))
  })

  it('when the buffer is full drops the oldest events, counts them and reports them to onDrop', async () => {
    const fake = await vigilAt()
    const drops: DropReport[] = []
    const c = client({ url: fake.url, monitor: 'px', maxBuffer: 100, batchSize: 100, flushIntervalMs: 3_600_000, onDrop: (d) => void drops.push(d) })
    // synchronously, so nothing can be sent in between: 150 too many
    sendAll(c, numbered(250))
    expect(c.stats()).toMatchObject({ received: 250, queued: 100, dropped_overflow: 150, sent: 0 })
    const stats = await c.flush()
    expect(stats).toMatchObject({ received: 250, sent: 100, queued: 0, dropped_overflow: 150 })
    expect(fake.delivered()).toEqual(ids(150, 250))
    expect(drops).toEqual([{ reason: 'overflow', events: 150 }])
  })

  it('retries a batch after 5xx with backoff, then delivers it once; onError hears each failure', async () => {
    const fake = await vigilAt((n) => (n < 2 ? { status: 503, body: { error: 'restarting' } } : { status: 202 }))
    const errors: DeliveryError[] = []
    const c = client({ url: fake.url, monitor: 'px', batchSize: 10, flushIntervalMs: 10, onError: (e) => void errors.push(e) })
    sendAll(c, numbered(10))
    const stats = await c.flush(20_000)
    expect(stats).toMatchObject({ sent: 10, failed_requests: 2, dropped_failed: 0, queued: 0 })
    expect(fake.delivered()).toEqual(ids(0, 10))
    expect(errors).toEqual([
      { status: 503, message: 'HTTP 503: restarting', attempt: 1, events: 10, willRetry: true },
      { status: 503, message: 'HTTP 503: restarting', attempt: 2, events: 10, willRetry: true },
    ])
    // the retries were spaced: backoff, not a hot loop (lower bounds only)
    const [a, b, ok] = fake.seen
    expect((b?.receivedAt ?? 0) - (a?.answeredAt ?? 0)).toBeGreaterThanOrEqual(200)
    expect((ok?.receivedAt ?? 0) - (b?.answeredAt ?? 0)).toBeGreaterThanOrEqual(200)
  })

  it('gives a batch up after maxAttempts failures, counts it and moves on', async () => {
    const fake = await vigilAt((n) => (n < 2 ? { status: 500 } : { status: 202 }))
    const drops: DropReport[] = []
    const c = client({ url: fake.url, monitor: 'px', batchSize: 10, flushIntervalMs: 3_600_000, maxAttempts: 2, onDrop: (d) => void drops.push(d) })
    sendAll(c, numbered(20))
    const stats = await c.flush(20_000)
    expect(stats).toMatchObject({ received: 20, sent: 10, dropped_failed: 10, failed_requests: 2, queued: 0 })
    expect(fake.delivered()).toEqual(ids(10, 20))
    expect(drops).toEqual([{ reason: 'failed', events: 10 }])
  })

  it('drops a batch Vigil refuses with a 4xx at once, never retrying it', async () => {
    const fake = await vigilAt(() => ({ status: 404, body: { error: "monitor 'px' not found", status_code: 404 } }))
    const errors: DeliveryError[] = []
    const drops: DropReport[] = []
    const c = client({ url: fake.url, monitor: 'px', batchSize: 10, flushIntervalMs: 3_600_000, onError: (e) => void errors.push(e), onDrop: (d) => void drops.push(d) })
    sendAll(c, numbered(30))
    const stats = await c.flush()
    expect(stats).toMatchObject({ sent: 0, dropped_failed: 30, failed_requests: 3, queued: 0 })
    expect(fake.seen).toHaveLength(3)
    expect(errors[0]).toEqual({ status: 404, message: "HTTP 404: monitor 'px' not found", attempt: 1, events: 10, willRetry: false })
    expect(drops).toEqual([1, 2, 3].map(() => ({ reason: 'refused', events: 10 })))
  })

  it('cuts off a request that outlives timeoutMs and sends the batch again', async () => {
    const fake = await vigilAt((n) => (n === 0 ? { status: 202, delayMs: 60_000 } : { status: 202 }))
    const errors: DeliveryError[] = []
    const c = client({ url: fake.url, monitor: 'px', batchSize: 10, flushIntervalMs: 3_600_000, timeoutMs: 200, onError: (e) => void errors.push(e) })
    sendAll(c, numbered(10))
    const stats = await c.flush(20_000)
    expect(stats).toMatchObject({ sent: 10, failed_requests: 1, queued: 0 })
    expect(errors).toEqual([{ status: null, message: 'no answer within 200 ms', attempt: 1, events: 10, willRetry: true }])
    expect(fake.delivered()).toEqual(ids(0, 10))
  })

  it("counts the events Vigil's 202 says it rejected", async () => {
    const fake = await vigilAt(() => ({ status: 202, body: { monitor: 'px', accepted: 8, rejected: 2, errors: [], pending_events: 8 } }))
    const c = client({ url: fake.url, monitor: 'px', batchSize: 10 })
    sendAll(c, numbered(10))
    expect(await c.flush()).toMatchObject({ sent: 10, rejected: 2 })
  })

  it('drops only the events JSON cannot write, not their batch', async () => {
    const fake = await vigilAt()
    const drops: DropReport[] = []
    const c = createVigilClient({ url: fake.url, monitor: 'px', batchSize: 10, onDrop: (d) => void drops.push(d) })
    open.push(c)
    const cycle: Record<string, unknown> = { id: 2, timestamp: 0, status: 200 }
    cycle.self = cycle
    c.send({ id: 0, timestamp: 0, status: 200 })
    c.send({ id: 1, timestamp: 0, status: 200, amount: 10n })
    c.send(cycle as { id: number; timestamp: number; status: number })
    c.send({ id: 3, timestamp: 0, status: 200 })
    const stats = await c.flush()
    expect(stats).toMatchObject({ received: 4, sent: 2, dropped_failed: 2, queued: 0 })
    expect(fake.delivered()).toEqual([0, 3])
    expect(drops).toEqual([{ reason: 'unserialisable', events: 2 }])
  })

  it('close() delivers what is queued, then refuses new events (counted); closing twice is harmless', async () => {
    const fake = await vigilAt()
    const c = client({ url: fake.url, monitor: 'px', batchSize: 100, flushIntervalMs: 3_600_000 })
    sendAll(c, numbered(42))
    const closed = await c.close()
    expect(closed).toMatchObject({ received: 42, sent: 42, queued: 0, dropped_closed: 0 })
    c.send(numbered(1, 42)[0] as Numbered)
    expect(c.stats()).toMatchObject({ received: 43, dropped_closed: 1, queued: 0 })
    expect(await c.close()).toMatchObject({ dropped_closed: 1 })
    expect(await c.flush()).toMatchObject({ queued: 0 })
    expect(fake.delivered()).toEqual(ids(0, 42))
  })

  it('close() against a Vigil that never answers returns within its timeout, cancelling the request and counting what was lost', async () => {
    const fake = await vigilAt(() => ({ status: 202, delayMs: 60_000 }))
    const drops: DropReport[] = []
    const c = client({ url: fake.url, monitor: 'px', batchSize: 10, timeoutMs: 30_000, flushIntervalMs: 3_600_000, onDrop: (d) => void drops.push(d) })
    sendAll(c, numbered(25))
    await vi.waitFor(() => expect(fake.seen).toHaveLength(1), { timeout: 10_000 })
    const closed = await c.close(100)
    expect(closed).toMatchObject({ received: 25, sent: 0, queued: 0, dropped_closed: 25, failed_requests: 0 })
    expect(drops).toEqual([{ reason: 'closed', events: 25 }])
  })

  it('hooks that throw or reject never reach the service', async () => {
    const c = client({
      url: await refusedUrl(),
      monitor: 'px',
      maxBuffer: 5,
      batchSize: 5,
      flushIntervalMs: 10,
      maxAttempts: 1,
      onError: () => {
        throw new Error('bad hook')
      },
      onDrop: async () => Promise.reject(new Error('bad async hook')),
    })
    expect(() => sendAll(c, numbered(20))).not.toThrow()
    await vi.waitFor(() => expect(c.stats().dropped_failed).toBeGreaterThan(0), { timeout: 10_000 })
    const closed = await c.close(50)
    expect(closed.received).toBe(closed.sent + closed.dropped_overflow + closed.dropped_failed + closed.dropped_closed)
  })

  it('refuses bad options when created, naming the option, the value and the limit', () => {
    expect(() => createVigilClient({ url: 'vigil:8000', monitor: 'px' })).toThrow(/url must be http or https; got "vigil:8000"/)
    expect(() => createVigilClient({ url: 'not a url', monitor: 'px' })).toThrow(/url must be an absolute http\(s\) URL/)
    expect(() => createVigilClient({ url: 'http://vigil', monitor: 'p x' })).toThrow(/monitor must be 1 to 64 letters, digits, _ or -; got "p x"/)
    expect(() => createVigilClient({ url: 'http://vigil', monitor: 'px', maxBuffer: 100, batchSize: 500 })).toThrow(/batchSize must be an integer from 1 to 100; got 500/)
    expect(() => createVigilClient({ url: 'http://vigil', monitor: 'px', timeoutMs: 1.5 })).toThrow(/timeoutMs must be an integer/)
  })
})
