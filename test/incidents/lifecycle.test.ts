import { readdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createIncidents } from '../../src/incidents/create-incidents.js'
import { ID_PATTERN } from '../../src/store/ids.js'
import { candidate, freshIncidents, minute, monitorConfig, tempRoot } from './fixtures.js'

const px = { name: 'px', config: monitorConfig() }
const CA_MC_CART = { partner: 'cart', country: 'CA', pi_type: 'mc' }

describe('report: open and deduplicate', () => {
  it('opens an incident with the fields of 003 and a safe, time-sortable id', async () => {
    const incidents = await freshIncidents()
    const { incident, action } = await incidents.report(candidate(CA_MC_CART), px)
    expect(action).toBe('opened')
    expect(incident).toMatchObject({
      monitor: 'px',
      type: 'system_errors',
      status: 'open',
      severity: 3,
      severity_reason: 'default',
      title: 'Sev 3 - Increase in system errors | Partner = cart | Country = CA | PIType = mc',
      dimensions: CA_MC_CART,
      started_at: minute(-1),
      detected_at: minute(0),
      last_seen_at: minute(0),
      requests_to_detect: 29,
      absorbed: 0,
      deliveries: [],
    })
    expect(incident.incident_id).toMatch(new RegExp(ID_PATTERN))
    expect(incident.incident_id.startsWith('inc-20240312T100000000Z-')).toBe(true)
    expect(incident.evidence.series).toHaveLength(3)
    await incidents.close()
  })

  it('folds the same combination, its ancestors and its descendants into the open incident', async () => {
    const incidents = await freshIncidents()
    const first = await incidents.report(candidate({ country: 'CA', pi_type: 'mc' }), px)
    const same = await incidents.report(candidate({ pi_type: 'mc', country: 'CA' }, { detected_at: minute(1) }, { observed: 0.3 }), px)
    const broader = await incidents.report(candidate({ country: 'CA' }, { detected_at: minute(2) }, { effect: 5 }), px)
    const whole = await incidents.report(candidate({}, { detected_at: minute(3) }, { effect: 2 }), px)
    const narrower = await incidents.report(candidate(CA_MC_CART, { detected_at: minute(4) }, { effect: 10 }), px)
    for (const r of [same, broader, whole, narrower]) {
      expect(r.action).toBe('updated')
      expect(r.incident.incident_id).toBe(first.incident.incident_id)
    }
    const final = incidents.get(first.incident.incident_id)
    expect(final.absorbed).toBe(4)
    expect(final.last_seen_at).toBe(minute(4))
    // the same combination brings newer evidence; the related ones leave it alone
    expect(final.evidence.observed).toBe(0.3)
    expect(final.dimensions).toEqual({ country: 'CA', pi_type: 'mc' })
    expect(incidents.list({}).incidents).toHaveLength(1)
    await incidents.close()
  })

  it('widens to a broader combination only when the engine says the rest of its traffic changed too', async () => {
    const incidents = await freshIncidents()
    const first = await incidents.report(candidate({ operation: 'psd2_session', flight: 'control' }, {}, { effect: 12 }), px)
    const diluted = await incidents.report(candidate({ operation: 'psd2_session' }, { detected_at: minute(1) }, { effect: 20 }), px)
    expect(diluted.incident.dimensions).toEqual({ operation: 'psd2_session', flight: 'control' })
    const widened = await incidents.report(candidate({ operation: 'psd2_session' }, { detected_at: minute(2), widens: true }, { effect: 11 }), px)
    expect(widened.action).toBe('updated')
    expect(widened.incident).toMatchObject({
      incident_id: first.incident.incident_id,
      dimensions: { operation: 'psd2_session' },
      title: 'Sev 3 - Increase in system errors | Operation = psd2_session',
      detected_at: minute(0),
    })
    expect(widened.incident.timeline.map((e) => e.event)).toEqual(['opened', 'refined'])
    await incidents.close()
  })

  it('opens separate incidents for unrelated combinations, other types and directions', async () => {
    const incidents = await freshIncidents()
    await incidents.report(candidate({ country: 'CA', pi_type: 'mc' }), px)
    const sibling = await incidents.report(candidate({ country: 'US', pi_type: 'mc' }), px)
    const crossing = await incidents.report(candidate({ country: 'CA', pi_type: 'visa' }), px)
    const otherType = await incidents.report(candidate({ country: 'CA' }, { type: 'latency' }), px)
    const drop = await incidents.report(candidate({}, { type: 'traffic', direction: 'decrease' }), px)
    const spike = await incidents.report(candidate({}, { type: 'traffic', direction: 'increase' }), px)
    const otherMonitor = await incidents.report(candidate({ country: 'CA', pi_type: 'mc' }), { name: 'checkout', config: monitorConfig() })
    for (const r of [sibling, crossing, otherType, drop, spike, otherMonitor]) expect(r.action).toBe('opened')
    expect(drop.incident.title).toBe('Sev 3 - Drop in traffic | All traffic')
    expect(spike.incident.title).toBe('Sev 3 - Increase in traffic | All traffic')
    expect(incidents.list({ limit: 500 }).incidents).toHaveLength(7)
    await incidents.close()
  })

  it('opens a new incident once the previous one is resolved, and an acknowledged one still absorbs', async () => {
    const incidents = await freshIncidents()
    const first = await incidents.report(candidate({ country: 'CA' }), px)
    await incidents.acknowledge(first.incident.incident_id, { note: 'looking' })
    expect((await incidents.report(candidate({ country: 'CA', pi_type: 'mc' }), px)).action).toBe('updated')
    await incidents.resolve(first.incident.incident_id)
    const again = await incidents.report(candidate({ country: 'CA' }, { detected_at: minute(30) }), px)
    expect(again.action).toBe('opened')
    expect(again.incident.incident_id).not.toBe(first.incident.incident_id)
    await incidents.close()
  })

  it('refines to a narrower combination with a larger effect, and keeps the first detection', async () => {
    const incidents = await freshIncidents()
    const first = await incidents.report(candidate({ country: 'CA' }, {}, { effect: 4 }), px)
    const weaker = await incidents.report(candidate({ country: 'CA', partner: 'cart' }, { detected_at: minute(1) }, { effect: 3 }), px)
    expect(weaker.incident.dimensions).toEqual({ country: 'CA' })
    const refined = await incidents.report(
      candidate(CA_MC_CART, { detected_at: minute(2), started_at: minute(0), requests_to_detect: 12 }, { effect: 25, observed: 0.25 }),
      px,
    )
    expect(refined.action).toBe('updated')
    expect(refined.incident).toMatchObject({
      incident_id: first.incident.incident_id,
      dimensions: CA_MC_CART,
      title: 'Sev 3 - Increase in system errors | Partner = cart | Country = CA | PIType = mc',
      detected_at: minute(0),
      started_at: minute(-1),
      requests_to_detect: 29,
    })
    expect(refined.incident.evidence.effect).toBe(25)
    expect(refined.incident.timeline.map((e) => e.event)).toEqual(['opened', 'refined'])
    // the refined incident still absorbs its old, broader combination
    expect((await incidents.report(candidate({ country: 'CA' }, { detected_at: minute(3) }, { effect: 30 }), px)).incident.dimensions).toEqual(CA_MC_CART)
    await incidents.close()
  })

  it('refines a traffic drop by how far the ratio is from 1 (a drop to zero beats a halving)', async () => {
    const incidents = await freshIncidents()
    const drop = { type: 'traffic', direction: 'decrease' as const }
    await incidents.report(candidate({ region: 'eastus' }, drop, { effect: 0.5, metric: 'requests_per_minute' }), px)
    const refined = await incidents.report(candidate({ region: 'eastus', instance: 'px-17' }, { ...drop, detected_at: minute(1) }, { effect: 0 }), px)
    expect(refined.incident.dimensions).toEqual({ region: 'eastus', instance: 'px-17' })
    expect(refined.incident.title).toBe('Sev 3 - Drop in traffic | Region = eastus | Instance = px-17')
    await incidents.close()
  })

  it('escalates when a later detection is more severe, and never lowers the severity', async () => {
    const config = monitorConfig({ severity: { default: 3, breadth_bump: true, rules: [{ when: { type: 'system_errors', dimensions: { operation: 'add_pi' } }, severity: 2 }] } })
    const monitor = { name: 'px', config }
    const incidents = await freshIncidents()
    const first = await incidents.report(candidate({ operation: 'add_pi', country: 'CA' }), monitor)
    expect(first.incident.severity).toBe(2)
    const broad = await incidents.report(candidate({ operation: 'add_pi' }, { detected_at: minute(1) }, { share_of_monitor_traffic: 0.4, effect: 3 }), monitor)
    expect(broad.incident).toMatchObject({ severity: 1, severity_reason: 'rule 1 + breadth bump', dimensions: { operation: 'add_pi', country: 'CA' } })
    expect(broad.incident.title).toBe('Sev 1 - Increase in system errors | Country = CA | Operation = add_pi')
    const mild = await incidents.report(candidate({ operation: 'add_pi', country: 'CA' }, { detected_at: minute(2) }), monitor)
    expect(mild.incident.severity).toBe(1)
    expect(mild.incident.timeline.map((e) => e.event)).toEqual(['opened', 'escalated'])
    await incidents.close()
  })

  it('rejects a malformed candidate naming the field', async () => {
    const incidents = await freshIncidents()
    await expect(incidents.report(candidate({}, { detected_at: 'yesterday' }), px)).rejects.toThrow(/detected_at/)
    await expect(incidents.report(candidate({}, { requests_to_detect: -1 }), px)).rejects.toThrow(/requests_to_detect/)
    await expect(incidents.report(candidate({}), { name: '../etc', config: px.config })).rejects.toThrow(/monitor/)
    expect(incidents.list({}).incidents).toHaveLength(0)
    await incidents.close()
  })
})

describe('observe: auto-resolve on event time', () => {
  it('resolves after resolve_after_minutes in range, measured in event time; out of range starts the clock over', async () => {
    const config = monitorConfig({ resolve_after_minutes: 15 })
    const monitor = { name: 'px', config }
    // the wall clock never moves: only event time can resolve the incident
    const incidents = await freshIncidents({ now: () => 0 })
    const { incident } = await incidents.report(candidate({ country: 'CA' }), monitor)
    const id = incident.incident_id
    expect(incidents.openIncidents('px').map((i) => i.incident_id)).toEqual([id])

    // before the detection: ignored
    expect(await incidents.observe('px', 'system_errors', { country: 'CA' }, minute(-5), true, config)).toEqual([])
    expect(incidents.get(id).in_range_since).toBeUndefined()

    await incidents.observe('px', 'system_errors', { country: 'CA' }, minute(1), true, config)
    expect(incidents.get(id).in_range_since).toBe(minute(1))
    expect(await incidents.observe('px', 'system_errors', { country: 'CA' }, minute(10), true, config)).toEqual([])
    await incidents.observe('px', 'system_errors', { country: 'CA' }, minute(12), false, config)
    expect(incidents.get(id).in_range_since).toBeUndefined()
    await incidents.observe('px', 'system_errors', { country: 'CA' }, minute(13), true, config)
    // other combinations, types and monitors do not touch it
    await incidents.observe('px', 'system_errors', { country: 'US' }, minute(40), true, config)
    await incidents.observe('px', 'latency', { country: 'CA' }, minute(40), true, config)
    await incidents.observe('px', 'system_errors', {}, minute(40), true, config)
    expect(await incidents.observe('px', 'system_errors', { country: 'CA' }, minute(27), true, config)).toEqual([])
    const resolved = await incidents.observe('px', 'system_errors', { country: 'CA' }, minute(28), true, config)
    expect(resolved).toHaveLength(1)
    expect(resolved[0]).toMatchObject({ incident_id: id, status: 'resolved', resolved_by: 'auto', resolved_at: minute(28) })
    expect(incidents.openIncidents('px')).toEqual([])
    await incidents.close()
  })

  it('restarts the clock when a new detection is absorbed', async () => {
    const config = monitorConfig({ resolve_after_minutes: 5 })
    const incidents = await freshIncidents()
    const { incident } = await incidents.report(candidate({ country: 'CA' }), { name: 'px', config })
    await incidents.observe('px', 'system_errors', { country: 'CA' }, minute(1), true, config)
    await incidents.report(candidate({ country: 'CA' }, { detected_at: minute(3) }), { name: 'px', config })
    expect(incidents.get(incident.incident_id).in_range_since).toBeUndefined()
    expect(await incidents.observe('px', 'system_errors', { country: 'CA' }, minute(6), true, config)).toEqual([])
    expect(await incidents.observe('px', 'system_errors', { country: 'CA' }, minute(11), true, config)).toHaveLength(1)
    await incidents.close()
  })
})

describe('acknowledge, resolve, list, delete', () => {
  it('acknowledges and resolves by hand with notes; 404 and 409 where they belong', async () => {
    let wall = Date.parse('2025-01-01T00:00:00Z')
    const incidents = await freshIncidents({ now: () => wall })
    const { incident } = await incidents.report(candidate({ country: 'CA' }), px)
    const acked = await incidents.acknowledge(incident.incident_id, { note: 'rolling back' })
    expect(acked).toMatchObject({ status: 'acknowledged', acknowledged_at: '2025-01-01T00:00:00.000Z', ack_note: 'rolling back' })
    wall += 60_000
    const resolved = await incidents.resolve(incident.incident_id, { note: 'rolled back' })
    expect(resolved).toMatchObject({ status: 'resolved', resolved_by: 'manual', resolved_at: '2025-01-01T00:01:00.000Z', resolve_note: 'rolled back' })
    expect(resolved.timeline.map((e) => e.event)).toEqual(['opened', 'acknowledged', 'resolved'])
    await expect(incidents.resolve(incident.incident_id)).rejects.toMatchObject({ statusCode: 409 })
    await expect(incidents.acknowledge(incident.incident_id)).rejects.toMatchObject({ statusCode: 409 })
    expect(() => incidents.get('inc-nope')).toThrow(expect.objectContaining({ statusCode: 404, message: expect.stringContaining('inc-nope') }))
    await incidents.close()
  })

  it('lists newest first with filters, and paging reaches every incident once', async () => {
    const incidents = await freshIncidents()
    const opened: string[] = []
    for (let i = 0; i < 23; i++) {
      const type = i % 3 === 0 ? 'latency' : 'system_errors'
      const r = await incidents.report(candidate({ instance: `px-${i}` }, { type, detected_at: minute(i * 7 % 23) }), { name: i % 2 === 0 ? 'px' : 'checkout', config: monitorConfig() })
      opened.push(r.incident.incident_id)
    }
    const seen: string[] = []
    let cursor: string | undefined
    let pages = 0
    do {
      const page = incidents.list({ limit: 5, cursor })
      seen.push(...page.incidents.map((i) => i.incident_id))
      cursor = page.next_cursor ?? undefined
      pages++
    } while (cursor !== undefined)
    expect(pages).toBe(5)
    expect(new Set(seen).size).toBe(23)
    expect(seen).toEqual([...opened].sort().reverse())
    const detected = incidents.list({ limit: 500 }).incidents.map((i) => i.detected_at)
    expect(detected).toEqual([...detected].sort().reverse())

    expect(incidents.list({ monitor: 'px', limit: 500 }).incidents.every((i) => i.monitor === 'px')).toBe(true)
    expect(incidents.list({ monitor: 'px', limit: 500 }).incidents).toHaveLength(12)
    expect(incidents.list({ type: 'latency', limit: 500 }).incidents).toHaveLength(8)
    const window = incidents.list({ since: minute(5), until: minute(10), limit: 500 }).incidents
    expect(window.map((i) => i.detected_at).sort()).toEqual([minute(5), minute(6), minute(7), minute(8), minute(9)])
    await incidents.resolve(opened[0]!)
    expect(incidents.list({ status: 'resolved' }).incidents.map((i) => i.incident_id)).toEqual([opened[0]])
    expect(incidents.list({ status: 'open', limit: 500 }).incidents).toHaveLength(22)
    expect(incidents.list({ severity: 1 }).incidents).toHaveLength(0)
    // a filtered walk ends with next_cursor null exactly on its last page
    const page = incidents.list({ monitor: 'px', limit: 12 })
    expect(page.next_cursor).toBeNull()
    await incidents.close()
  })

  it("deletes a monitor's incidents and files", async () => {
    const root = await tempRoot()
    const incidents = await freshIncidents({ root })
    await incidents.report(candidate({ country: 'CA' }), px)
    await incidents.report(candidate({ country: 'US' }), px)
    const kept = await incidents.report(candidate({ country: 'CA' }), { name: 'checkout', config: monitorConfig() })
    expect(await incidents.deleteForMonitor('px')).toBe(2)
    expect(incidents.list({}).incidents.map((i) => i.incident_id)).toEqual([kept.incident.incident_id])
    expect(await readdir(root)).toEqual([`${kept.incident.incident_id}.json`])
    await incidents.close()
  })
})

describe('persistence', () => {
  it('survives a restart: same records, same index, still absorbing', async () => {
    const root = await tempRoot()
    const first = await freshIncidents({ root })
    const a = await first.report(candidate({ country: 'CA' }), px)
    const b = await first.report(candidate({ country: 'US' }, { detected_at: minute(5) }), px)
    await first.acknowledge(a.incident.incident_id, { note: 'on it' })
    await first.resolve(b.incident.incident_id)
    const before = first.list({}).incidents
    await first.close()

    const stored = JSON.parse(await readFile(path.join(root, `${a.incident.incident_id}.json`), 'utf8')) as Record<string, unknown>
    expect(stored).toMatchObject({ kind: 'vigil.incident', format_version: 1, incident: { incident_id: a.incident.incident_id, status: 'acknowledged' } })

    const second = await freshIncidents({ root })
    expect(second.list({}).incidents).toEqual(before)
    const again = await second.report(candidate({ country: 'CA', pi_type: 'mc' }, { detected_at: minute(9) }), px)
    expect(again).toMatchObject({ action: 'updated', incident: { incident_id: a.incident.incident_id, absorbed: 1 } })
    await second.close()
  })

  it('skips damaged and foreign files at start, and removes leftovers of interrupted writes', async () => {
    const root = await tempRoot()
    const first = await freshIncidents({ root })
    const a = await first.report(candidate({ country: 'CA' }), px)
    await first.close()
    await writeFile(path.join(root, 'inc-broken.json'), '{"kind": "vigil.incident", "format_version": 1, "incident": {"incident_id": 3')
    await writeFile(path.join(root, 'inc-foreign.json'), JSON.stringify({ kind: 'something-else', format_version: 1 }))
    await writeFile(path.join(root, '.tmp-123'), 'half')
    const errors: object[] = []
    const second = await createIncidents({ root, log: { warn: () => undefined, error: (obj) => errors.push(obj) }, now: () => 0 })
    expect(second.list({}).incidents.map((i) => i.incident_id)).toEqual([a.incident.incident_id])
    expect(errors).toHaveLength(2)
    expect((await readdir(root)).sort()).toEqual([`${a.incident.incident_id}.json`, 'inc-broken.json', 'inc-foreign.json'].sort())
    await second.close()
  })
})

describe('a failed write', () => {
  it('opens nothing when the incident file cannot be written', async () => {
    const root = await tempRoot()
    const incidents = await freshIncidents({ root })
    await rm(root, { recursive: true })
    await writeFile(root, 'not a directory')
    await expect(incidents.report(candidate({ country: 'CA' }), px)).rejects.toThrow()
    expect(incidents.list({}).incidents).toEqual([])
    expect(incidents.openIncidents('px')).toEqual([])
    await incidents.close()
  })
})

describe('the auto-resolve clock across a restart', () => {
  it('starts over, so a restart never resolves early', async () => {
    const root = await tempRoot()
    const config = monitorConfig({ resolve_after_minutes: 10 })
    const first = await freshIncidents({ root })
    const { incident } = await first.report(candidate({ country: 'CA' }), { name: 'px', config })
    await first.observe('px', 'system_errors', { country: 'CA' }, minute(1), true, config)
    await first.acknowledge(incident.incident_id) // writes the clock too
    await first.close()
    const second = await freshIncidents({ root })
    expect(second.get(incident.incident_id).in_range_since).toBeUndefined()
    expect(await second.observe('px', 'system_errors', { country: 'CA' }, minute(11), true, config)).toEqual([])
    expect(await second.observe('px', 'system_errors', { country: 'CA' }, minute(21), true, config)).toHaveLength(1)
    await second.close()
  })
})
