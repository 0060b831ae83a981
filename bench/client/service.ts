/**
 * The monitored service of `npm run bench:client`, in its own process as in
 * production: an HTTP API whose every request sends one PX request event
 * with @vigil/client (or none, for the baseline). Prints {"port": N} once
 * listening; GET /_stats answers the client's counters and the process RSS.
 *
 *   tsx bench/client/service.ts <vigil-url | none>
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createVigilClient, type VigilClient } from '../../clients/node/src/index.js'

const target = process.argv[2] ?? 'none'
const vigil: VigilClient | undefined = target === 'none' ? undefined : createVigilClient({ url: target, monitor: 'px' })
const partners = ['dime', 'cart', 'xbox', 'office', 'azure']
const countries = ['US', 'CA', 'GB', 'DE', 'FR', 'JP', 'BR', 'IN']
let n = 0

const server = createServer((req, res) => {
  if (req.url === '/_stats') {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ stats: vigil?.stats() ?? null, rssMb: process.memoryUsage().rss / 2 ** 20 }))
    return
  }
  const started = performance.now()
  const i = n++
  // stands in for the payments API's own work: a small JSON answer
  const body = JSON.stringify({ id: `pi-${i}`, status: 'added' })
  res.writeHead(200, { 'content-type': 'application/json' })
  res.end(body)
  vigil?.send({
    timestamp: new Date().toISOString(),
    partner: partners[i % partners.length],
    country: countries[i % countries.length],
    operation: 'add_pi',
    pi_type: i % 3 === 0 ? 'mc' : 'visa',
    flight: 'control',
    region: 'centralus',
    instance: 'px-prod-17',
    status: 200,
    latency_ms: performance.now() - started,
    user_id: `u-${i % 1000}`,
    ip: '203.0.113.7',
  })
})
server.keepAliveTimeout = 60_000
server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`))
process.on('SIGTERM', () => {
  server.closeAllConnections()
  server.close()
  void vigil?.close(100)
})
