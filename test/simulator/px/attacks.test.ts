import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Value } from 'typebox/value'
import { afterAll, describe, expect, it } from 'vitest'
import { InvalidInputError } from '../../../src/errors.js'
import { createPxTraffic, Population, PxEvent, writePxFiles, type PxLabelsFile, type PxTrafficConfigInput } from '../../../src/simulator/px/index.js'

/** Four hours at 5 requests/s with 003 §2's attacks: the first hour is the warm-up. */
const ABUSE: PxTrafficConfigInput = { duration_minutes: 240, rate_per_second: 5, presets: ['003-abuse'] }

const events = (config: PxTrafficConfigInput, labels = true): PxEvent[] => [...createPxTraffic(config).events({ labels })].flat()

const failedShare = (list: readonly PxEvent[]): number => list.filter((e) => e.validation_result === 'failed').length / list.length

describe('PX abuse: attacks', () => {
  const traffic = createPxTraffic(ABUSE)
  const all = events(ABUSE)
  const of = (id: string): PxEvent[] => all.filter((e) => e.attack === id)

  it("'003-abuse' places 003 §2's attacks, labelled, each entity on every one of its requests, inside its window", () => {
    expect(traffic.attacks.map((a) => [a.id, a.type, a.entity_field])).toEqual([
      ['card_testing-1', 'card_testing', 'user_id'],
      ['ddos-1', 'ddos', 'user_id'],
      ['fuzzing-1', 'fuzzing', 'user_id'],
      ['card_testing-2', 'card_testing', 'ip'],
      ['ddos-2', 'ddos', 'ip'],
      ['fuzzing-2', 'fuzzing', 'ip'],
      ['card_testing-3', 'card_testing', 'card_holder_name'],
    ])
    for (const a of traffic.attacks) {
      const mine = of(a.id)
      expect(Math.abs(mine.length - a.expected_requests)).toBeLessThan(5 * Math.sqrt(a.expected_requests))
      expect(mine.every((e) => e[a.entity_field] === a.entity_value)).toBe(true)
      expect(mine.every((e) => e.timestamp >= a.start && e.timestamp < a.end)).toBe(true)
      expect(mine.every((e) => a.operations.includes(e.operation))).toBe(true)
      expect(Date.parse(a.start)).toBeGreaterThanOrEqual(Date.parse('2025-01-06T01:00:00.000Z'))
    }
    // starts spread over the run after the warm-up, not bunched
    const starts = traffic.attacks.map((a) => Date.parse(a.start))
    expect(Math.max(...starts) - Math.min(...starts)).toBeGreaterThan(2 * 3_600_000)
    // blind by default: no event says it is an attack
    expect(events(ABUSE, false).some((e) => 'attack' in e || 'regression' in e)).toBe(false)
  })

  it('takes the configured counts, rates and entities', () => {
    const t = createPxTraffic({ duration_minutes: 600, rate_per_second: 2, attacks: { card_testing: { count: 5, entities: ['ip'], requests_per_minute: 40, duration_minutes: 10 }, fuzzing: { count: 1 } } })
    expect(t.attacks.filter((a) => a.type === 'card_testing')).toHaveLength(5)
    expect(t.attacks.filter((a) => a.type === 'fuzzing')).toHaveLength(1)
    expect(t.attacks.filter((a) => a.type === 'ddos')).toHaveLength(0)
    expect(t.attacks.filter((a) => a.type === 'card_testing').every((a) => a.entity_field === 'ip' && a.requests_per_minute === 40 && a.expected_requests === 400)).toBe(true)
    expect(new Set(t.attacks.map((a) => a.entity_value)).size).toBe(6)
    const list = [...t.events({ labels: true })].flat()
    for (const a of t.attacks) expect(Math.abs(list.filter((e) => e.attack === a.id).length - a.expected_requests)).toBeLessThan(5 * Math.sqrt(a.expected_requests))
  })

  it('card testers try many distinct cards, mostly failing validation; an address or a name spreads over many user ids', () => {
    for (const a of traffic.attacks.filter((x) => x.type === 'card_testing')) {
      const mine = of(a.id)
      expect(mine.every((e) => e.operation === 'add_pi' && typeof e.card_fingerprint === 'string')).toBe(true)
      expect(new Set(mine.map((e) => e.card_fingerprint)).size).toBeGreaterThan(0.95 * mine.length)
      expect(failedShare(mine)).toBeGreaterThan(0.75)
      expect(mine.every((e) => (e.validation_result === 'failed') === (e.status >= 400 && e.status < 500))).toBe(true)
      if (a.entity_field !== 'user_id') expect(new Set(mine.map((e) => e.user_id)).size).toBeGreaterThan(20)
      if (a.entity_field === 'card_holder_name') expect(new Set(mine.map((e) => e.ip)).size).toBeGreaterThan(10)
    }
  })

  it('a D/DoS sends psd2_session far above any ordinary caller; fuzzing sends malformed requests, mostly 4xx, some 5xx', () => {
    const ordinary = new Map<string, number>()
    for (const e of all) if (e.attack === undefined && e.operation === 'psd2_session') ordinary.set(e.user_id!, (ordinary.get(e.user_id!) ?? 0) + 1)
    const busiest = Math.max(...ordinary.values())
    for (const a of traffic.attacks.filter((x) => x.type === 'ddos')) {
      const mine = of(a.id)
      expect(mine.every((e) => e.operation === 'psd2_session' && e.malformed === undefined)).toBe(true)
      expect(mine.length).toBeGreaterThan(20 * busiest)
    }
    for (const a of traffic.attacks.filter((x) => x.type === 'fuzzing')) {
      const mine = of(a.id)
      expect(mine.every((e) => e.malformed === true)).toBe(true)
      const e4 = mine.filter((e) => e.status >= 400 && e.status < 500).length / mine.length
      const e5 = mine.filter((e) => e.status >= 500).length / mine.length
      expect(e4).toBeGreaterThan(0.78)
      expect(e5).toBeGreaterThan(0.05)
      expect(e5).toBeLessThan(0.16)
      expect(new Set(mine.map((e) => e.operation)).size).toBeGreaterThan(3)
    }
  })

  it('benign heavy users are busy but look benign: a batch job on a few cards, a shared address with many users', () => {
    expect(traffic.benign.map((b) => [b.id, b.kind, b.entity_field])).toEqual([
      ['batch_job-1', 'batch_job', 'user_id'],
      ['corporate_ip-1', 'corporate_ip', 'ip'],
    ])
    const job = traffic.benign[0]!
    const jobs = all.filter((e) => e.user_id === job.entity_value)
    expect(Math.abs(jobs.length - job.expected_requests)).toBeLessThan(5 * Math.sqrt(job.expected_requests))
    const jobCards = jobs.filter((e) => e.card_fingerprint !== undefined)
    expect(new Set(jobCards.map((e) => e.card_fingerprint)).size).toBeLessThanOrEqual(4)
    expect(failedShare(jobCards)).toBeLessThan(0.1)
    const corp = traffic.benign[1]!
    const corps = all.filter((e) => e.ip === corp.entity_value)
    expect(corps.length).toBeGreaterThan(0.5 * corp.expected_requests)
    expect(new Set(corps.map((e) => e.user_id)).size).toBeGreaterThan(500)
    expect(failedShare(corps.filter((e) => e.validation_result !== undefined))).toBeLessThan(0.1)
    // each of them busier than any ordinary user, yet no event of theirs is an attack's
    expect([...jobs, ...corps].some((e) => e.attack !== undefined)).toBe(false)
    const perUser = new Map<string, number>()
    for (const e of all) if (e.attack === undefined && e.user_id !== job.entity_value) perUser.set(e.user_id!, (perUser.get(e.user_id!) ?? 0) + 1)
    expect(jobs.length).toBeGreaterThan(2 * Math.max(...perUser.values()))
  })

  it('come by default with attacks only; benign_heavy alone turns them on or off', () => {
    expect(createPxTraffic({ duration_minutes: 60 }).benign).toHaveLength(0)
    expect(createPxTraffic({ duration_minutes: 60, benign_heavy: { corporate_ips: 2, batch_jobs: 0 } }).benign.map((b) => b.id)).toEqual(['corporate_ip-1', 'corporate_ip-2'])
    expect(createPxTraffic({ ...ABUSE, benign_heavy: { batch_jobs: 0, corporate_ips: 0 } }).benign).toHaveLength(0)
  })
})

describe('PX abuse: fields of ordinary traffic', () => {
  const list = events({ duration_minutes: 180, rate_per_second: 10 })

  it('every event is a valid PxEvent; card fields exactly on add_pi and edit_pi; malformed only when true', () => {
    for (const e of list) {
      expect(Value.Check(PxEvent, e)).toBe(true)
      const card = e.operation === 'add_pi' || e.operation === 'edit_pi'
      expect(e.card_fingerprint !== undefined).toBe(card)
      expect(e.card_holder_name !== undefined).toBe(card)
      expect(e.validation_result !== undefined).toBe(card)
      if (e.malformed !== undefined) expect(e.malformed).toBe(true)
    }
    const ops = new Set(list.map((e) => e.operation))
    for (const op of ['add_pi', 'edit_pi', 'psd2_session', 'psd2_fingerprint']) expect(ops.has(op)).toBe(true)
    const withCard = list.find((e) => e.card_fingerprint !== undefined)!
    expect(withCard.card_fingerprint).toMatch(/^fp-[0-9a-f]{16}$/)
    expect(withCard.card_holder_name).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/)
  })

  it('ordinary users: a few % failing validation, 1 to 3 cards each under one name, rare malformed requests, addresses shared', () => {
    const cards = list.filter((e) => e.validation_result !== undefined)
    const failed = failedShare(cards)
    expect(failed).toBeGreaterThan(0.01)
    expect(failed).toBeLessThan(0.08)
    const perUser = new Map<string, Set<string>>()
    const names = new Map<string, Set<string>>()
    for (const e of cards) {
      perUser.set(e.user_id!, (perUser.get(e.user_id!) ?? new Set()).add(e.card_fingerprint!))
      names.set(e.user_id!, (names.get(e.user_id!) ?? new Set()).add(e.card_holder_name!))
    }
    expect(Math.max(...[...perUser.values()].map((s) => s.size))).toBe(3)
    expect([...names.values()].every((s) => s.size === 1)).toBe(true)
    const malformed = list.filter((e) => e.malformed === true).length / list.length
    expect(malformed).toBeGreaterThan(0)
    expect(malformed).toBeLessThan(0.002)
    const usersPerIp = new Map<string, Set<string>>()
    for (const e of list) usersPerIp.set(e.ip!, (usersPerIp.get(e.ip!) ?? new Set()).add(e.user_id!))
    expect(Math.max(...[...usersPerIp.values()].map((s) => s.size))).toBeGreaterThan(1)
  })

  it('users: 0 leaves out who called and their cards, but keeps validation_result', () => {
    const lean = events({ duration_minutes: 20, rate_per_second: 10, users: 0 })
    expect(lean.some((e) => 'user_id' in e || 'ip' in e || 'card_fingerprint' in e || 'card_holder_name' in e)).toBe(false)
    expect(lean.filter((e) => e.operation === 'add_pi').every((e) => e.validation_result !== undefined)).toBe(true)
  })
})

describe('PX abuse: population and determinism', () => {
  it('reaches a million users and 200,000 addresses by default, with ids and addresses that never collide', () => {
    const t = createPxTraffic({ duration_minutes: 60 })
    expect(t.config).toMatchObject({ users: 1_000_000, ips: 200_000 })
    const pop = new Population(1, 1_000_000, 200_000)
    const ids = new Set<string>()
    const ips = new Set<string>()
    for (let i = 0; i < 200_000; i++) {
      ids.add(pop.userId(i * 5))
      ips.add(pop.ip(i))
    }
    expect(ids.size).toBe(200_000)
    expect(ips.size).toBe(200_000)
    expect([...ips].every((ip) => /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(ip) && !ip.startsWith('10.') && !ip.startsWith('192.'))).toBe(true)
  })

  it('is deterministic: same config, same bytes whatever the batch size; attacks leave ordinary requests as they were', () => {
    const config: PxTrafficConfigInput = { duration_minutes: 120, rate_per_second: 5, presets: ['003', '003-abuse'], attacks: { warmup_minutes: 10 } }
    const a = Buffer.concat([...createPxTraffic(config).ndjson({ labels: true })])
    const b = Buffer.concat([...createPxTraffic(config).ndjson({ labels: true, maxEvents: 333 })])
    expect(b.equals(a)).toBe(true)
    expect(createPxTraffic(config).attacks).toEqual(createPxTraffic(config).attacks)
    expect(createPxTraffic({ ...config, attacks: { warmup_minutes: 10, seed: 9 } }).attacks).not.toEqual(createPxTraffic(config).attacks)
    const quiet = { duration_minutes: 120, rate_per_second: 5, presets: ['003' as const] }
    const without = events(quiet)
    const withAttacks = events({ ...config, benign_heavy: { batch_jobs: 0, corporate_ips: 0 } }).filter((e) => e.attack === undefined)
    expect(withAttacks).toEqual(without)
  })
})

describe('PX abuse: ground truth files and config errors', () => {
  const dirs: string[] = []
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true })
  })

  it('labels.json lists each attack (with the requests it sent) and the benign heavy entities', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'vigil-pxabuse-'))
    dirs.push(dir)
    const traffic = createPxTraffic({ duration_minutes: 120, rate_per_second: 3, presets: ['003-abuse'], attacks: { warmup_minutes: 10 } })
    const written = await writePxFiles(traffic, dir, { inlineLabels: true })
    const file = JSON.parse(await readFile(path.join(dir, 'labels.json'), 'utf8')) as PxLabelsFile
    expect(file).toEqual(JSON.parse(JSON.stringify(written)))
    expect(file.attacks).toHaveLength(7)
    expect(Object.keys(file.attacks[0]!)).toEqual(['id', 'type', 'entity_field', 'entity_value', 'start', 'end', 'requests_per_minute', 'expected_requests', 'operations', 'failure_rate', 'description', 'sent_requests'])
    const lines = (await readFile(path.join(dir, 'events.ndjson'), 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l) as PxEvent)
    for (const a of file.attacks) expect(lines.filter((e) => e.attack === a.id).length).toBe(a.sent_requests)
    expect(file.benign_heavy.map((b) => b.kind)).toEqual(['batch_job', 'corporate_ip'])
    for (const b of file.benign_heavy) expect(lines.filter((e) => e[b.entity_field] === b.entity_value).length).toBe(b.sent_requests)
  })

  const bad = (config: unknown, message: RegExp, field: string, limit?: unknown): void => {
    let error: unknown
    try {
      createPxTraffic(config)
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(InvalidInputError)
    expect((error as Error).message).toMatch(message)
    expect((error as InvalidInputError).details.field).toBe(field)
    if (limit !== undefined) expect((error as InvalidInputError).details.limit).toEqual(limit)
  }

  it('names the field, the value and the limit of a bad attack config', () => {
    bad({ attacks: { card_testing: { count: 5000 } } }, /config\.attacks\.card_testing\.count must be <= 1000; got 5000/, 'config.attacks.card_testing.count', 1000)
    bad({ attacks: { ddos: { entities: ['card_holder_name'] } } }, /config\.attacks\.ddos\.entities\[0\] must be one of user_id, ip; got "card_holder_name"/, 'config.attacks.ddos.entities[0]', ['user_id', 'ip'])
    bad({ attacks: { fuzzing: { requests_per_minute: 0 } } }, /config\.attacks\.fuzzing\.requests_per_minute must be > 0; got 0/, 'config.attacks.fuzzing.requests_per_minute', 0)
    bad({ attacks: { fuzzing: { colour: 1 } } }, /config\.attacks\.fuzzing\.colour is not a known field/, 'config.attacks.fuzzing.colour')
    bad({ attacks: { fuzzing: { client_error_rate: 0.9, server_error_rate: 0.2 } } }, /client_error_rate \+ server_error_rate must be at most 1; got 0\.9 \+ 0\.2/, 'config.attacks.fuzzing.server_error_rate')
    bad({ duration_minutes: 60, attacks: { warmup_minutes: 60, ddos: {} } }, /config\.attacks\.warmup_minutes must be below the run's 60 minutes; got 60/, 'config.attacks.warmup_minutes')
    bad({ users: 0, presets: ['003-abuse'] }, /users must be at least 1/, 'config.users')
    bad({ presets: ['abuse'] }, /config\.presets\[0\] must be one of 003, 003-abuse; got "abuse"/, 'config.presets[0]')
    bad({ ips: 0 }, /config\.ips must be >= 1; got 0/, 'config.ips', 1)
    bad({ attacks: { ddos: { count: 1000, requests_per_minute: 100_000 } } }, /send 100000070 requests per minute in all .* at most 1000000/, 'config.attacks', 1_000_000)
  })
})
