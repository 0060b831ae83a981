import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createIncidents } from '../../src/incidents/create-incidents.js'
import { createMonitors } from '../../src/monitors/monitors.js'
import type { RateDetector } from '../../src/monitors/regression-detector.js'
import { syntheticTraffic } from './synthetic-traffic.js'

/** A regression type the engine does not know: gateway timeouts (504) only, among other 5xx. */
const timeouts: RateDetector = {
  kind: 'rate',
  name: 'gateway_timeouts',
  title: 'Increase in gateway timeouts',
  metric: 'timeout_rate_504',
  description: 'Share of requests answered 504 rose in a combination.',
  classify: (event) => (event.status === 504 ? 1 : 0),
}

describe('a regression detector added as a plugin', () => {
  const dirs: string[] = []
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))))

  it('runs on the same aggregates and opens an incident of its own type', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'vigil-plugin-'))
    dirs.push(root)
    const log = { warn: () => undefined, info: () => undefined, error: () => undefined, debug: () => undefined }
    const incidents = await createIncidents({ root: path.join(root, 'incidents'), log })
    const monitors = await createMonitors({ root: path.join(root, 'monitors'), sink: incidents, log, detectors: [timeouts] })
    expect(monitors.registry.list().map((d) => d.name)).toContain('gateway_timeouts')
    await monitors.put('gw', { dimensions: ['partner', 'country', 'operation'], detectors: ['gateway_timeouts'] })
    const start = Date.UTC(2026, 0, 5)
    const from = start + 3 * 3_600_000
    for (const batch of syntheticTraffic({ start, minutes: 4 * 60, perMinute: 600, seed: 9, inject: [{ dimensions: { operation: 'list_pi', country: 'DE' }, from, to: from + 3_600_000, status: 504 }] })) {
      monitors.ingest('gw', batch)
    }
    await monitors.drain('gw')
    const found = incidents.list({ monitor: 'gw', limit: 50 }).incidents
    await monitors.close()
    await incidents.close()
    expect(found.map((i) => [i.type, i.dimensions])).toEqual([['gateway_timeouts', { operation: 'list_pi', country: 'DE' }]])
  })
})
