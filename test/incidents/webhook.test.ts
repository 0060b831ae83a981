import { createHmac } from 'node:crypto'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { Incidents } from '../../src/incidents/create-incidents.js'
import { verifySignature } from '../../src/incidents/webhook-signature.js'
import { candidate, freshIncidents, minute, monitorConfig, until } from './fixtures.js'

interface Received {
  readonly headers: IncomingHttpHeaders
  readonly body: string
}

/** A local webhook receiver answering each request with the next status of `script` (the last one repeats; 0 = never answer). */
async function receiver(script: number[]): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') })
      const status = script[Math.min(received.length - 1, script.length - 1)]!
      if (status === 0) return
      res.writeHead(status, { 'content-type': 'text/plain' }).end('ok')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  servers.push(server)
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, server }
}

const servers: Server[] = []
const open: Incidents[] = []
afterEach(async () => {
  for (const i of open.splice(0)) await i.close()
  for (const s of servers.splice(0)) {
    s.closeAllConnections()
    await new Promise((r) => s.close(r))
  }
})

const SECRET = 'a-secret-of-at-least-16-chars'
const FAST = { baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 2000 }

async function incidentsWith(retry: Partial<typeof FAST & { attempts: number; maxPending: number }> = {}): Promise<Incidents> {
  const incidents = await freshIncidents({ now: Date.now, retry: { ...FAST, ...retry } })
  open.push(incidents)
  return incidents
}

describe('webhook delivery', () => {
  it('POSTs the incident as signed JSON with event and delivery headers', async () => {
    const hook = await receiver([200])
    const incidents = await incidentsWith()
    const monitor = { name: 'px', config: monitorConfig({ webhook: { url: hook.url, secret: SECRET } }) }
    const { incident } = await incidents.report(candidate({ country: 'CA', pi_type: 'mc', partner: 'cart' }), monitor)
    await until(() => incidents.pendingDeliveries() === 0)

    expect(hook.received).toHaveLength(1)
    const { headers, body } = hook.received[0]!
    expect(headers['content-type']).toBe('application/json')
    expect(headers['x-vigil-event']).toBe('opened')
    const expected = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`
    expect(headers['x-vigil-signature']).toBe(expected)
    expect(verifySignature(body, SECRET, headers['x-vigil-signature'] as string)).toBe(true)
    expect(verifySignature(body, 'another-secret-of-16-chars', headers['x-vigil-signature'] as string)).toBe(false)
    const payload = JSON.parse(body) as { event: string; delivery_id: string; incident: Record<string, unknown> }
    expect(payload.event).toBe('opened')
    expect(payload.delivery_id).toBe(headers['x-vigil-delivery'])
    expect(payload.incident).toMatchObject({ incident_id: incident.incident_id, title: incident.title, dimensions: incident.dimensions })
    expect(payload.incident).not.toHaveProperty('deliveries')

    const log = incidents.get(incident.incident_id).deliveries
    expect(log).toEqual([expect.objectContaining({ event: 'opened', attempt: 1, status: 200, delivery_id: payload.delivery_id })])
  })

  it('sends no signature without a secret', async () => {
    const hook = await receiver([204])
    const incidents = await incidentsWith()
    await incidents.report(candidate({}), { name: 'px', config: monitorConfig({ webhook: { url: hook.url } }) })
    await until(() => incidents.pendingDeliveries() === 0)
    expect(hook.received[0]!.headers['x-vigil-signature']).toBeUndefined()
  })

  it('retries after 500s with backoff, same delivery id and body, and logs every attempt', async () => {
    const hook = await receiver([500, 503, 200])
    const incidents = await incidentsWith()
    const { incident } = await incidents.report(candidate({}), { name: 'px', config: monitorConfig({ webhook: { url: hook.url, secret: SECRET } }) })
    await until(() => incidents.pendingDeliveries() === 0)
    expect(hook.received).toHaveLength(3)
    expect(new Set(hook.received.map((r) => r.headers['x-vigil-delivery'])).size).toBe(1)
    expect(new Set(hook.received.map((r) => r.body)).size).toBe(1)
    expect(hook.received.map((r) => r.headers['x-vigil-attempt'])).toEqual(['1', '2', '3'])
    const log = incidents.get(incident.incident_id).deliveries
    expect(log.map((d) => [d.attempt, d.status])).toEqual([
      [1, 500],
      [2, 503],
      [3, 200],
    ])
    expect(log[0]!.error).toMatch(/^HTTP 500; retrying in \d+ ms$/)
    expect(log[2]!.error).toBeUndefined()
  })

  it('backs off exponentially up to the cap, jittered down by at most half', async () => {
    const hook = await receiver([500])
    const top = await freshIncidents({ now: Date.now, random: () => 1, retry: { attempts: 5, baseDelayMs: 4, maxDelayMs: 20 } })
    const bottom = await freshIncidents({ now: Date.now, random: () => 0, retry: { attempts: 3, baseDelayMs: 4, maxDelayMs: 20 } })
    open.push(top, bottom)
    const config = monitorConfig({ webhook: { url: hook.url } })
    const a = await top.report(candidate({}), { name: 'px', config })
    const b = await bottom.report(candidate({}), { name: 'px', config })
    await until(() => top.pendingDeliveries() === 0 && bottom.pendingDeliveries() === 0)
    const delays = (i: Incidents, id: string): number[] => i.get(id).deliveries.flatMap((d) => (/retrying in (\d+) ms/.exec(d.error ?? '') ?? []).slice(1).map(Number))
    expect(delays(top, a.incident.incident_id)).toEqual([4, 8, 16, 20])
    expect(delays(bottom, b.incident.incident_id)).toEqual([2, 4])
  })

  it('gives up after the last attempt, and at once on a 4xx refusal', async () => {
    const failing = await receiver([500])
    const incidents = await incidentsWith({ attempts: 3 })
    const a = await incidents.report(candidate({ country: 'CA' }), { name: 'px', config: monitorConfig({ webhook: { url: failing.url } }) })
    const refusing = await receiver([410])
    const b = await incidents.report(candidate({ country: 'US' }), { name: 'other', config: monitorConfig({ webhook: { url: refusing.url } }) })
    await until(() => incidents.pendingDeliveries() === 0)
    expect(failing.received).toHaveLength(3)
    expect(incidents.get(a.incident.incident_id).deliveries.at(-1)!.error).toBe('HTTP 500; gave up after 3 attempts')
    expect(refusing.received).toHaveLength(1)
    expect(incidents.get(b.incident.incident_id).deliveries).toEqual([expect.objectContaining({ status: 410, error: 'HTTP 410; gave up after 1 attempt' })])
  })

  it('times out a receiver that never answers, and report() never waits for it', async () => {
    const silent = await receiver([0])
    const incidents = await incidentsWith({ attempts: 2, timeoutMs: 50 })
    const { incident } = await incidents.report(candidate({}), { name: 'px', config: monitorConfig({ webhook: { url: silent.url } }) })
    expect(incidents.pendingDeliveries()).toBe(1)
    await until(() => incidents.pendingDeliveries() === 0)
    const log = incidents.get(incident.incident_id).deliveries
    expect(log.map((d) => [d.attempt, d.status, d.error])).toEqual([
      [1, null, expect.stringMatching(/^no answer within 50 ms; retrying/)],
      [2, null, 'no answer within 50 ms; gave up after 2 attempts'],
    ])
  })

  it('records a network error and retries it', async () => {
    const incidents = await incidentsWith({ attempts: 2 })
    // a port nothing listens on
    const hook = await receiver([200])
    const url = hook.url
    await new Promise((r) => hook.server.close(r))
    const { incident } = await incidents.report(candidate({}), { name: 'px', config: monitorConfig({ webhook: { url } }) })
    await until(() => incidents.pendingDeliveries() === 0)
    const log = incidents.get(incident.incident_id).deliveries
    expect(log).toHaveLength(2)
    expect(log[0]!.error).toMatch(/fetch failed.*; retrying/)
  })

  it('sends updated only on escalation or refinement, and resolved on manual and auto resolve, in order', async () => {
    const hook = await receiver([200])
    const incidents = await incidentsWith()
    const config = monitorConfig({ webhook: { url: hook.url }, resolve_after_minutes: 1, severity: { default: 3, breadth_bump: true, rules: [] } })
    const monitor = { name: 'px', config }
    const a = await incidents.report(candidate({ country: 'CA' }, {}, { effect: 5 }), monitor)
    await incidents.report(candidate({ country: 'CA' }, { detected_at: minute(1) }), monitor) // absorbed: no event
    await incidents.report(candidate({ country: 'CA', pi_type: 'mc' }, { detected_at: minute(2) }, { effect: 30 }), monitor) // refined
    await incidents.report(candidate({ country: 'CA' }, { detected_at: minute(3) }, { share_of_monitor_traffic: 0.5 }), monitor) // escalated
    await incidents.observe('px', 'system_errors', { country: 'CA', pi_type: 'mc' }, minute(4), true, config)
    await incidents.observe('px', 'system_errors', { country: 'CA', pi_type: 'mc' }, minute(5), true, config) // auto-resolved
    const b = await incidents.report(candidate({ country: 'US' }), monitor)
    await incidents.acknowledge(b.incident.incident_id) // no event
    await incidents.resolve(b.incident.incident_id)
    await until(() => incidents.pendingDeliveries() === 0)
    const events = hook.received.map((r) => JSON.parse(r.body) as { event: string; incident: { incident_id: string; severity: number; status: string } })
    const forA = events.filter((e) => e.incident.incident_id === a.incident.incident_id)
    expect(forA.map((e) => [e.event, e.incident.severity, e.incident.status])).toEqual([
      ['opened', 3, 'open'],
      ['updated', 3, 'open'],
      ['updated', 2, 'open'],
      ['resolved', 2, 'resolved'],
    ])
    expect(events.filter((e) => e.incident.incident_id === b.incident.incident_id).map((e) => e.event)).toEqual(['opened', 'resolved'])
  })

  it('bounds the queue, logging the refused delivery in the incident', async () => {
    const silent = await receiver([0])
    const incidents = await incidentsWith({ maxPending: 1, timeoutMs: 60_000 })
    const monitor = { name: 'px', config: monitorConfig({ webhook: { url: silent.url } }) }
    await incidents.report(candidate({ country: 'CA' }), monitor)
    const second = await incidents.report(candidate({ country: 'US' }), monitor)
    expect(incidents.pendingDeliveries()).toBe(1)
    expect(incidents.get(second.incident.incident_id).deliveries).toEqual([
      expect.objectContaining({ status: null, error: 'not sent: 1 webhook deliveries are already waiting' }),
    ])
  })

  it('stops retrying cleanly on close', async () => {
    const hook = await receiver([500])
    const incidents = await freshIncidents({ now: Date.now, retry: { baseDelayMs: 600_000, maxDelayMs: 600_000 } })
    const { incident } = await incidents.report(candidate({}), { name: 'px', config: monitorConfig({ webhook: { url: hook.url } }) })
    await until(() => hook.received.length === 1 && incidents.get(incident.incident_id).deliveries.length === 1)
    expect(incidents.pendingDeliveries()).toBe(1)
    await incidents.close()
    expect(incidents.pendingDeliveries()).toBe(0)
    expect(hook.received).toHaveLength(1)
  })
})
