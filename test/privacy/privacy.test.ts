import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { keyFile } from '../../src/privacy/pseudonym-key.js'
import { buildTestApp } from '../helper.js'
import { abuseTraffic, holderOf, ipOf, userId, type Attack } from '../abuse/abuse-traffic.js'

const START = Date.UTC(2026, 0, 5)
const KEY = 'privacy-test-key-abcdefghijklmnopqrstuvwxyz'
const ATTACK_IP = '192.0.2.77'
const ATTACKS: Attack[] = [
  { kind: 'card_testing_ip', ip: ATTACK_IP, from: 40, perMinute: 8, minutes: 6 },
  { kind: 'ddos_user', user: 'user-flood-9', from: 40, perMinute: 30, minutes: 5 },
]

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) out.push(...(await filesUnder(full)))
    else out.push(full)
  }
  return out
}

async function send(app: Awaited<ReturnType<typeof buildApp>>, name: string, events: Record<string, unknown>[]): Promise<void> {
  const res = await app.inject({ method: 'POST', url: `/monitors/${name}/events`, payload: events })
  expect(res.statusCode, res.body).toBe(202)
}

describe('personal data: pseudonyms at ingest, lookup, erasure, retention', () => {
  let dir: string
  let app: Awaited<ReturnType<typeof buildApp>>
  let logs = ''
  const raw: string[] = [ATTACK_IP, 'user-flood-9', 'secret-user-in-a-bad-line']
  for (let u = 0; u < 40; u++) raw.push(userId(u), ipOf(u, 300), holderOf(u))

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'vigil-privacy-'))
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs += chunk.toString('utf8')
        done()
      },
    })
    app = await buildApp(loadConfig({ MODEL_STORAGE_PATH: dir, PSEUDONYM_KEY: KEY }), { logger: { level: 'trace', stream } })
    await app.ready()
    // one monitor splits by a personal field: its aggregates must hold pseudonyms only
    expect((await app.inject({ method: 'PUT', url: '/monitors/px', payload: { dimensions: ['operation', 'ip', 'country'], max_depth: 2, resolve_after_minutes: 5 } })).statusCode).toBe(200)
    let pending: Record<string, unknown>[] = []
    for (const batch of abuseTraffic({ start: START, minutes: 70, perMinute: 150, users: 1500, ips: 300, seed: 5, attacks: ATTACKS })) {
      pending.push(...batch)
      if (pending.length >= 5000) {
        await send(app, 'px', pending)
        pending = []
      }
    }
    await send(app, 'px', pending)
    await app.monitors.drain('px')
  }, 300_000)
  afterAll(async () => {
    await app.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('a bad event does not echo a personal value', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/monitors/px/events',
      payload: [
        { timestamp: new Date(START + 70 * 60_000).toISOString(), status: 200, operation: 'add_pi', user_id: { name: 'secret-user-in-a-bad-line' } },
        { timestamp: new Date(START + 70 * 60_000).toISOString(), status: 200, operation: 'add_pi', user_id: 'secret-user-in-a-bad-line', ip: ['secret-user-in-a-bad-line'] },
        { timestamp: 'not a time', status: 200, operation: 'add_pi', user_id: 'secret-user-in-a-bad-line' },
      ],
    })
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('user_id must be a string, number or boolean; got an object (value not shown')
    expect(res.body).not.toContain('secret-user-in-a-bad-line')
    // a body that is not JSON at all: the parser's excerpt of it is not echoed either
    const broken = await app.inject({ method: 'POST', url: '/monitors/px/events', headers: { 'content-type': 'application/json' }, payload: '[{"user_id": secret-user-in-a-bad-line}]' })
    expect(broken.statusCode).toBe(400)
    expect(broken.json().error).toContain('the body is not valid JSON')
    expect(broken.body).not.toContain('secret-user-in-a-bad-line')
  })

  it('incidents name entities by pseudonym, and lookup gives the same pseudonym', async () => {
    const incidents = (await app.inject({ method: 'GET', url: '/incidents?monitor=px&limit=500' })).json().incidents as { type: string; dimensions: Record<string, string>; title: string }[]
    const lookup = (await app.inject({ method: 'POST', url: '/pseudonyms/lookup', payload: { value: ATTACK_IP } })).json().pseudonym as string
    expect(lookup).toMatch(/^ps_[A-Za-z0-9_-]{22}$/)
    const card = incidents.filter((i) => i.type === 'card_testing')
    expect(card.map((i) => i.dimensions)).toEqual([{ ip: lookup }])
    expect(card[0]?.title).toBe(`Sev 3 - Card testing | IP = ${lookup}`)
    const ddos = incidents.filter((i) => i.type === 'ddos')
    const flood = (await app.inject({ method: 'POST', url: '/pseudonyms/lookup', payload: { value: 'user-flood-9' } })).json().pseudonym as string
    expect(ddos.map((i) => i.dimensions)).toEqual([{ user_id: flood }])
    const bad = await app.inject({ method: 'POST', url: '/pseudonyms/lookup', payload: { value: '' } })
    expect(bad.statusCode).toBe(400)
  })

  it('erases one subject and says what it erased', async () => {
    const subject = (await app.inject({ method: 'POST', url: '/pseudonyms/lookup', payload: { value: ATTACK_IP } })).json().pseudonym as string
    const first = await app.inject({ method: 'DELETE', url: `/monitors/px/subjects/${subject}` })
    expect(first.statusCode, first.body).toBe(200)
    const body = first.json() as { subject: string; erased: { field: string; entity_state: boolean }[]; incidents: string[]; cache_entries: number }
    expect(body.subject).toBe(subject)
    expect(body.erased).toContainEqual(expect.objectContaining({ field: 'ip', entity_state: true }))
    expect(body.incidents.length).toBe(1)
    expect(body.cache_entries).toBeGreaterThanOrEqual(1)
    const again = (await app.inject({ method: 'DELETE', url: `/monitors/px/subjects/${subject}` })).json() as { erased: unknown[] }
    expect(again.erased).toEqual([])
    expect((await app.inject({ method: 'DELETE', url: `/monitors/nope/subjects/${subject}` })).statusCode).toBe(404)
  })

  it('refuses privacy and entity configs it cannot run, naming field, value and limit', async () => {
    const timestamp = await app.inject({ method: 'PUT', url: '/monitors/bad', payload: { personal_fields: ['user_id', 'timestamp'] } })
    expect(timestamp.statusCode).toBe(400)
    expect(timestamp.json().error).toContain("personal_fields[1] 'timestamp'")
    const halfLife = await app.inject({ method: 'PUT', url: '/monitors/bad', payload: { entities: { half_life_minutes: 0 } } })
    expect(halfLife.statusCode).toBe(400)
    expect(halfLife.body).toMatch(/half_life_minutes/)
    const overlap = await app.inject({ method: 'PUT', url: '/monitors/bad', payload: { entities: { costly_operations: ['add_pi'] } } })
    expect(overlap.statusCode).toBe(400)
    expect(overlap.json().error).toContain("both name 'add_pi'")
    const share = await app.inject({ method: 'PUT', url: '/monitors/bad', payload: { entities: { min_share: 1.5 } } })
    expect(share.statusCode).toBe(400)
    expect(share.body).toContain('min_share')
    expect(share.body).toContain('1.5')
  })

  it('the retention sweeper deletes old resolved incidents and stale entity state (event time)', async () => {
    expect((await app.inject({ method: 'PUT', url: '/monitors/px', payload: { dimensions: ['operation', 'ip', 'country'], max_depth: 2, resolve_after_minutes: 5, incident_retention_days: 1, entity_retention_days: 1 } })).json().state).toBe('kept')
    const before = app.abuse.status('px')?.entities.user_id?.kept ?? 0
    expect(before).toBeGreaterThan(1000)
    // three days later: the attacks have long resolved, every old entity is stale
    const later = START + 3 * 86_400_000
    const events = [...abuseTraffic({ start: later, minutes: 3, perMinute: 20, users: 5, ips: 5, seed: 9 })].flat()
    await send(app, 'px', events)
    await app.monitors.drain('px')
    const after = app.abuse.status('px')?.entities.user_id?.kept ?? 0
    expect(after).toBeLessThan(20)
    const swept = await app.abuse.sweep()
    expect(swept).toEqual([{ monitor: 'px', incidents_deleted: expect.any(Number) }])
    const left = (await app.inject({ method: 'GET', url: '/incidents?monitor=px&type=card_testing' })).json().incidents as unknown[]
    expect(left).toEqual([])
  })

  it('no raw user id, IP or card-holder name anywhere under the storage folder or in the logs', async () => {
    await app.monitors.drain('px')
    const files = await filesUnder(dir)
    expect(files.length).toBeGreaterThan(2)
    for (const file of files) {
      const content = (await readFile(file)).toString('latin1')
      for (const value of raw) expect(content.includes(value), `${value} in ${file}`).toBe(false)
    }
    expect(logs.length).toBeGreaterThan(1000)
    for (const value of raw) expect(logs.includes(value), `${value} in the logs`).toBe(false)
  })
})

describe('the pseudonym key', () => {
  it('without PSEUDONYM_KEY, one is generated once (mode 0600) and kept across restarts', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'vigil-key-'))
    try {
      const first = await buildTestApp({}, dir)
      expect(first.app.abuse.keySource).toBe('generated')
      const a = first.app.abuse.lookup('203.0.113.7')
      await first.close()
      expect((await stat(keyFile(dir))).mode & 0o777).toBe(0o600)
      const second = await buildTestApp({}, dir)
      expect(second.app.abuse.keySource).toBe('file')
      expect(second.app.abuse.lookup('203.0.113.7')).toBe(a)
      await second.close()
      const keyed = await buildTestApp({ PSEUDONYM_KEY: KEY }, dir)
      // a different key: different pseudonyms (rotation)
      expect(keyed.app.abuse.lookup('203.0.113.7')).not.toBe(a)
      await keyed.close()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('refuses a short PSEUDONYM_KEY, naming the limit', () => {
    expect(() => loadConfig({ PSEUDONYM_KEY: 'short' })).toThrow(/at least 32 characters.*got 5/)
  })
})
