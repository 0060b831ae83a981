import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createVigilClient, type DeliveryError, type RequestEvent } from '../../clients/node/src/index.js'
import { buildTestApp, type TestApp } from '../helper.js'

/** The client against the real Vigil over a real socket: events sent with send() arrive in the monitor. */
describe('@vigil/client against Vigil', () => {
  let t: TestApp
  let url: string
  beforeAll(async () => {
    t = await buildTestApp()
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`
  })
  afterAll(async () => t.close())

  it("delivers every event to the monitor, and counts those Vigil's check refused", async () => {
    expect((await t.app.inject({ method: 'PUT', url: '/monitors/px-client', payload: {} })).statusCode).toBe(200)
    const vigil = createVigilClient({ url, monitor: 'px-client', batchSize: 250 })
    const start = Date.UTC(2026, 11, 7, 9)
    const partners = ['dime', 'cart', 'xbox']
    for (let i = 0; i < 1200; i++) {
      const event: RequestEvent = {
        timestamp: new Date(start + i * 150).toISOString(),
        partner: partners[i % 3],
        country: i % 2 === 0 ? 'US' : 'CA',
        operation: 'add_pi',
        status: i % 50 === 0 ? 503 : 200,
        latency_ms: 100 + (i % 17),
      }
      vigil.send(event)
    }
    // three Vigil refuses one by one: no timestamp
    for (let i = 0; i < 3; i++) vigil.send({ timestamp: 'yesterday', status: 200 })

    const stats = await vigil.close(20_000)
    expect(stats).toMatchObject({ received: 1203, sent: 1203, rejected: 3, queued: 0, dropped_overflow: 0, dropped_failed: 0, dropped_closed: 0, failed_requests: 0 })
    const seen = await t.app.inject({ method: 'GET', url: '/monitors/px-client' })
    expect(seen.json().status.received_events).toBe(1200)
    await t.app.monitors.drain('px-client')
    expect((await t.app.inject({ method: 'GET', url: '/monitors/px-client' })).json().status.processed_events).toBe(1200)
  })

  it('a monitor that does not exist: batches refused with 404 are dropped and counted, never retried', async () => {
    const errors: DeliveryError[] = []
    const vigil = createVigilClient({ url, monitor: 'nobody-here', batchSize: 10, onError: (e) => void errors.push(e) })
    for (let i = 0; i < 25; i++) vigil.send({ timestamp: Date.UTC(2026, 11, 7, 9) + i, status: 200 })
    const stats = await vigil.close(20_000)
    expect(stats).toMatchObject({ received: 25, sent: 0, dropped_failed: 25, failed_requests: 3, queued: 0 })
    expect(errors).toHaveLength(3)
    expect(errors[0]).toMatchObject({ status: 404, willRetry: false })
    expect(errors[0]?.message).toContain('nobody-here')
  })
})
