import { createRng, deriveSeed, type Rng } from '../../math/random.js'
import { InvalidInputError } from '../../errors.js'
import { aliasDraw } from './alias-table.js'
import type { AttackLabel, AttackType, BenignHeavyLabel, EntityField } from './attack.js'
import { holderName, NAME_COUNT } from './card-holder-names.js'
import { COUNTRIES, PARTNERS } from './catalogue.js'
import type { CallerStream } from './caller-stream.js'
import type { PxAttacksInput, PxBenignHeavyInput } from './config-schema.js'
import type { Population } from './population.js'
import { MINUTE_MS, type Timeline } from './timeline.js'
import type { TrafficModel } from './traffic-model.js'

/** Defaults of each attack type (what '003-abuse' and a bare `attacks: { ddos: {} }` give). */
export const ATTACK_DEFAULTS = {
  card_testing: { count: 3, entities: ['user_id', 'ip', 'card_holder_name'] as EntityField[], requests_per_minute: 20, duration_minutes: 30, failure_rate: 0.85 },
  ddos: { count: 2, entities: ['user_id', 'ip'] as EntityField[], requests_per_minute: 300, duration_minutes: 20 },
  fuzzing: { count: 2, entities: ['user_id', 'ip'] as EntityField[], requests_per_minute: 120, duration_minutes: 15, client_error_rate: 0.85, server_error_rate: 0.1 },
} as const

export const BENIGN_DEFAULTS = { batch_jobs: 1, batch_requests_per_minute: 30, corporate_ips: 1, corporate_users: 2000, corporate_requests_per_minute: 40 } as const

/**
 * How many distinct user ids and addresses an attack spreads over besides
 * its key: a user id tests cards through a few proxies, an address through
 * freshly made accounts, a name through both.
 */
const SPREAD: Readonly<Record<EntityField, { readonly users: number; readonly ips: number }>> = {
  user_id: { users: 1, ips: 4 },
  ip: { users: 40, ips: 1 },
  card_holder_name: { users: 60, ips: 25 },
}

/** Requests per minute all attacks and heavy users may send together (a corporate address's peak can be ~2× its mean). */
const MAX_EXTRA_RPM = 1_000_000

/** Batch jobs run on a business storefront in the US. */
const BATCH_PARTNER = 'commercialstores'
const BATCH_COUNTRY = 'US'

/** The run's attacks and benign heavy entities: ground truth and streams. */
export interface AttackPlan {
  readonly attacks: readonly AttackLabel[]
  readonly benign: readonly BenignHeavyLabel[]
  /** Sorted by start. */
  readonly streams: readonly CallerStream[]
}

interface Wanted {
  readonly type: AttackType
  readonly entity: EntityField
  readonly rpm: number
  readonly minutes: number
  readonly failure: number
  readonly server: number
}

/**
 * Place the attacks (types interleaved, starts spread evenly over the run
 * after the warm-up, each nudged by the seed) and the benign heavy
 * entities (running the whole run; by default there whenever attacks are,
 * else only when `benign_heavy` is given), giving each entity ids and
 * addresses above the ordinary population's.
 */
export function planAttacks(
  model: TrafficModel,
  timeline: Timeline,
  population: Population,
  seed: number,
  input: PxAttacksInput | undefined,
  preset: boolean,
  benignInput: PxBenignHeavyInput | undefined,
): AttackPlan {
  const wanted = wantedAttacks(input, preset)
  const durationMinutes = (timeline.endMs - timeline.startMs) / MINUTE_MS
  if (population.users === 0 && (wanted.length > 0 || (benignInput !== undefined && ((benignInput.batch_jobs ?? 0) > 0 || (benignInput.corporate_ips ?? 0) > 0)))) {
    throw new InvalidInputError('config.attacks and config.benign_heavy need callers: users must be at least 1 (users: 0 leaves user_id and ip out)', { field: 'config.users', value: 0, limit: 1 })
  }
  const rng = createRng(input?.seed ?? deriveSeed(seed, 20))
  let nextUser = population.users
  let nextIp = population.ips
  const users = (n: number): number => {
    const base = nextUser
    nextUser += n
    return base
  }
  const ips = (n: number): number => {
    const base = nextIp
    nextIp += n
    return base
  }

  const attacks: AttackLabel[] = []
  const streams: CallerStream[] = []
  if (wanted.length > 0) {
    const warmup = input?.warmup_minutes ?? Math.min(24 * 60, durationMinutes / 4)
    const warmMs = timeline.startMs + warmup * MINUTE_MS
    if (warmMs >= timeline.endMs) throw new InvalidInputError(`config.attacks.warmup_minutes must be below the run's ${durationMinutes} minutes; got ${warmup}`, { field: 'config.attacks.warmup_minutes', value: warmup, limit: durationMinutes })
    const counters: Record<AttackType, number> = { card_testing: 0, ddos: 0, fuzzing: 0 }
    wanted.forEach((w, k) => {
      const span = Math.max(0, timeline.endMs - warmMs - w.minutes * MINUTE_MS)
      const startMs = warmMs + Math.floor((span * (k + 0.1 + 0.8 * rng.next())) / wanted.length / 1000) * 1000
      const endMs = Math.min(timeline.endMs, startMs + w.minutes * MINUTE_MS)
      const spread = SPREAD[w.entity]
      const userBase = users(spread.users)
      const ipBase = ips(spread.ips)
      const holder = w.entity === 'card_holder_name' ? rng.int(NAME_COUNT) : -1
      const country = w.type === 'ddos' ? psd2Country(model, rng) : aliasDraw(model.country, rng.next())
      const partner = aliasDraw(model.partner, rng.next())
      const id = `${w.type}-${++counters[w.type]}`
      const value = w.entity === 'user_id' ? population.userId(userBase) : w.entity === 'ip' ? population.ip(ipBase) : holderName(holder)
      const minutes = (endMs - startMs) / MINUTE_MS
      attacks.push({
        id,
        type: w.type,
        entity_field: w.entity,
        entity_value: value,
        start: new Date(startMs).toISOString(),
        end: new Date(endMs).toISOString(),
        requests_per_minute: w.rpm,
        expected_requests: Math.round(w.rpm * minutes),
        operations: w.type === 'card_testing' ? ['add_pi'] : w.type === 'ddos' ? ['psd2_session'] : model.values[2]!.filter((_, o) => model.p.operation[country]![o]! > 0),
        failure_rate: w.failure,
        description: describe(w, partnerName(partner), COUNTRIES[country]!.code),
      })
      streams.push({
        kind: w.type,
        label: attacks.length - 1,
        seed: deriveSeed(seed, 3000 + k),
        startMs,
        endMs,
        perMinute: w.rpm,
        rhythm: false,
        user: w.entity === 'user_id' ? userBase : -1,
        userBase,
        userCount: spread.users,
        ip: w.entity === 'ip' ? ipBase : -1,
        ipBase,
        ipCount: spread.ips,
        holder,
        partner,
        country,
        failureRate: w.failure,
        serverErrorRate: w.server,
      })
    })
  }

  const benign: BenignHeavyLabel[] = []
  // heavy users come by default with attacks (the traffic a detector of them must tell apart); asked for, they come alone
  if (population.users > 0 && (wanted.length > 0 || benignInput !== undefined)) {
    const b = { ...BENIGN_DEFAULTS, ...benignInput }
    const whole = { startMs: timeline.startMs, endMs: timeline.endMs }
    const partner = model.values[0]!.indexOf(BATCH_PARTNER)
    const country = model.values[1]!.indexOf(BATCH_COUNTRY)
    for (let j = 0; j < b.batch_jobs; j++) {
      const user = users(1)
      const ip = ips(1)
      benign.push({
        id: `batch_job-${j + 1}`,
        kind: 'batch_job',
        entity_field: 'user_id',
        entity_value: population.userId(user),
        requests_per_minute: b.batch_requests_per_minute,
        expected_requests: Math.round(b.batch_requests_per_minute * durationMinutes),
        users: 1,
        description: `a ${BATCH_PARTNER} batch job in ${BATCH_COUNTRY}: one user id, list_pi/get_pidl/add_pi/edit_pi around the clock over 4 stored cards, failing validation no more than ordinary users`,
      })
      streams.push({ kind: 'batch_job', label: benign.length - 1, seed: deriveSeed(seed, 5000 + j), ...whole, perMinute: b.batch_requests_per_minute, rhythm: false, user, userBase: user, userCount: 1, ip, ipBase: ip, ipCount: 1, holder: -1, partner, country, failureRate: 0, serverErrorRate: 0 })
    }
    for (let j = 0; j < b.corporate_ips; j++) {
      const userBase = users(b.corporate_users)
      const ip = ips(1)
      benign.push({
        id: `corporate_ip-${j + 1}`,
        kind: 'corporate_ip',
        entity_field: 'ip',
        entity_value: population.ip(ip),
        requests_per_minute: b.corporate_requests_per_minute,
        expected_requests: Math.round(b.corporate_requests_per_minute * durationMinutes),
        users: b.corporate_users,
        description: `a company's shared address: ${b.corporate_users} users behind one NAT, each behaving like an ordinary user`,
      })
      streams.push({ kind: 'corporate_ip', label: benign.length - 1, seed: deriveSeed(seed, 6000 + j), ...whole, perMinute: b.corporate_requests_per_minute, rhythm: true, user: -1, userBase, userCount: b.corporate_users, ip, ipBase: ip, ipCount: 1, holder: -1, partner: -1, country: -1, failureRate: 0, serverErrorRate: 0 })
    }
  }
  // the generator holds a minute of these streams' requests at a time: keep that minute bounded
  const extra = streams.reduce((sum, st) => sum + st.perMinute, 0)
  if (extra > MAX_EXTRA_RPM) throw new InvalidInputError(`config.attacks and config.benign_heavy send ${extra} requests per minute in all (count × requests_per_minute); at most ${MAX_EXTRA_RPM}`, { field: 'config.attacks', value: extra, limit: MAX_EXTRA_RPM })
  if (nextIp > 0xffffff) throw new InvalidInputError(`config.ips plus the attackers' addresses come to ${nextIp}, above the ${0xffffff} the simulator can tell apart`, { field: 'config.ips', value: population.ips, limit: 0xffffff - (nextIp - population.ips) })
  streams.sort((a, b) => a.startMs - b.startMs)
  return { attacks, benign, streams }
}

/** The attacks asked for, types interleaved (card testing, D/DoS, fuzzing, card testing, …) so their starts spread evenly. */
function wantedAttacks(input: PxAttacksInput | undefined, preset: boolean): Wanted[] {
  const ct = input?.card_testing ?? (preset ? {} : undefined)
  const dd = input?.ddos ?? (preset ? {} : undefined)
  const fz = input?.fuzzing ?? (preset ? {} : undefined)
  const D = ATTACK_DEFAULTS
  const lists: Wanted[][] = []
  if (ct !== undefined) {
    const entities = ct.entities ?? D.card_testing.entities
    lists.push(times(ct.count ?? D.card_testing.count, (i) => ({ type: 'card_testing', entity: entities[i % entities.length]!, rpm: ct.requests_per_minute ?? D.card_testing.requests_per_minute, minutes: ct.duration_minutes ?? D.card_testing.duration_minutes, failure: ct.failure_rate ?? D.card_testing.failure_rate, server: 0 })))
  }
  if (dd !== undefined) {
    const entities = dd.entities ?? D.ddos.entities
    lists.push(times(dd.count ?? D.ddos.count, (i) => ({ type: 'ddos', entity: entities[i % entities.length]!, rpm: dd.requests_per_minute ?? D.ddos.requests_per_minute, minutes: dd.duration_minutes ?? D.ddos.duration_minutes, failure: 0, server: 0 })))
  }
  if (fz !== undefined) {
    const client = fz.client_error_rate ?? D.fuzzing.client_error_rate
    const server = fz.server_error_rate ?? D.fuzzing.server_error_rate
    if (client + server > 1) throw new InvalidInputError(`config.attacks.fuzzing: client_error_rate + server_error_rate must be at most 1; got ${client} + ${server}`, { field: 'config.attacks.fuzzing.server_error_rate', value: server, limit: 1 - client })
    const entities = fz.entities ?? D.fuzzing.entities
    lists.push(times(fz.count ?? D.fuzzing.count, (i) => ({ type: 'fuzzing', entity: entities[i % entities.length]!, rpm: fz.requests_per_minute ?? D.fuzzing.requests_per_minute, minutes: fz.duration_minutes ?? D.fuzzing.duration_minutes, failure: client, server })))
  }
  const out: Wanted[] = []
  const longest = lists.reduce((m, l) => Math.max(m, l.length), 0)
  for (let i = 0; i < longest; i++) for (const l of lists) if (i < l.length) out.push(l[i]!)
  return out
}

function times<T>(n: number, f: (i: number) => T): T[] {
  return Array.from({ length: n }, (_, i) => f(i))
}

/** A country where PSD2 applies, by traffic. */
function psd2Country(model: TrafficModel, rng: Rng): number {
  for (;;) {
    const c = aliasDraw(model.country, rng.next())
    if (COUNTRIES[c]!.psd2) return c
  }
}

function partnerName(p: number): string {
  return PARTNERS[p]![0]
}

function describe(w: Wanted, partner: string, country: string): string {
  const who = w.entity === 'user_id' ? 'one user id (through 4 proxy addresses)' : w.entity === 'ip' ? 'one address (with 40 fresh accounts)' : 'one card-holder name (across 60 accounts and 25 addresses)'
  switch (w.type) {
    case 'card_testing':
      return `card testing: ${who} adds a new card ${w.rpm} times a minute on ${partner} in ${country}, ${Math.round(w.failure * 100)}% failing bank validation`
    case 'ddos':
      return `D/DoS: ${who} opens ${w.rpm} PSD2 sessions a minute on ${partner} in ${country}`
    case 'fuzzing':
      return `fuzzing: ${who} sends ${w.rpm} malformed requests a minute to every operation on ${partner} in ${country}, ${Math.round(w.failure * 100)}% answered 4xx and ${Math.round(w.server * 100)}% 5xx`
  }
}
