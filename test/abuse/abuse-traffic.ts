/**
 * A small deterministic PX-like stream with users, IPs, cards and card
 * holders, for the entity detector tests: a normal population, two heavy but
 * honest entities (a partner's batch job, a corporate IP shared by many
 * users) and attacks injected on top.
 */
import { seededRandom } from '../crash/seeded-random.js'
import { pickWeighted } from '../weighted-pick.js'

export type Attack =
  /** One IP adds a new card every few seconds with a fresh user id each time; most fail. */
  | { readonly kind: 'card_testing_ip'; readonly ip: string; readonly from: number; readonly perMinute: number; readonly minutes: number }
  /** One card-holder name on many users and IPs (a fresh IP each time, or `proxies` IPs in turn); most fail. */
  | { readonly kind: 'card_testing_holder'; readonly holder: string; readonly from: number; readonly perMinute: number; readonly minutes: number; readonly proxies?: number }
  /** One user id (a fresh IP each time, or `proxies` IPs in turn) sends PSD2 sessions. */
  | { readonly kind: 'ddos_user'; readonly user: string; readonly from: number; readonly perMinute: number; readonly minutes: number; readonly proxies?: number }
  /** One IP sends PSD2 sessions through `users` throwaway accounts in turn. */
  | { readonly kind: 'ddos_ip'; readonly ip: string; readonly from: number; readonly perMinute: number; readonly minutes: number; readonly users: number }
  /**
   * One IP (fresh user ids) sends malformed requests, answered 400 (some 500),
   * on edit_pi, or on `operation` (add_pi: with a new card each time, failing validation).
   */
  | { readonly kind: 'fuzzing_ip'; readonly ip: string; readonly from: number; readonly perMinute: number; readonly minutes: number; readonly operation?: string }

export interface AbuseTrafficOptions {
  readonly start: number
  readonly minutes: number
  readonly perMinute: number
  readonly users: number
  readonly ips: number
  readonly seed: number
  readonly attacks?: readonly Attack[]
  /** A partner's batch job: one user id and IP, this many requests a minute, normal mix and failure rates. */
  readonly batchPerMinute?: number
  /** Users behind one corporate IP (each as active as any user, several times over). */
  readonly corporateUsers?: number
}

export const BATCH_USER = 'partner-batch-7'
export const BATCH_IP = '198.51.100.10'
export const CORPORATE_IP = '203.0.113.50'

const OPERATIONS: readonly [string, number][] = [
  ['add_pi', 25],
  ['edit_pi', 20],
  ['psd2_session', 20],
  ['psd2_fingerprint', 20],
  ['list_pi', 15],
]
const PARTNERS = ['storefront', 'dime', 'cart', 'xbox']
const COUNTRIES = ['US', 'CA', 'GB', 'DE']

export function userId(i: number): string {
  return `user-${100_000 + i}`
}

export function ipOf(i: number, ips: number): string {
  const n = i % ips
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`
}

export function holderOf(i: number): string {
  return `Holder Name ${i}`
}

/** One honest request of `user` from `ip`. */
function normalEvent(r: () => number, time: number, user: string, ip: string, holder: string, cardOwner: number): Record<string, unknown> {
  const operation = pickWeighted(r, OPERATIONS)
  const event: Record<string, unknown> = {
    timestamp: new Date(time).toISOString(),
    partner: PARTNERS[Math.floor(r() * PARTNERS.length)],
    country: COUNTRIES[Math.floor(r() * COUNTRIES.length)],
    operation,
    pi_type: r() < 0.6 ? 'visa' : 'mc',
    flight: 'control',
    region: 'eastus',
    instance: `px-${Math.floor(r() * 4)}`,
    user_id: user,
    ip,
    status: 200,
    latency_ms: Math.round(80 + 60 * r()),
  }
  if (operation === 'add_pi' || operation === 'edit_pi') {
    // most users have one card, some two; 8% of validations fail (typos, expired cards)
    event.card_fingerprint = `fp-${cardOwner}-${r() < 0.85 ? 0 : 1}`
    event.card_holder_name = holder
    const failed = r() < 0.08
    event.validation_result = failed ? 'failed' : 'passed'
    if (failed) event.status = 402
  }
  const u = r()
  if (event.status === 200 && u < 0.02) event.status = 400 + Math.floor(r() * 5)
  else if (event.status === 200 && u < 0.03) event.status = 503
  if (r() < 0.002) {
    event.malformed = true
    event.status = 400
  }
  return event
}

function attackEvents(a: Attack, r: () => number, minute: number, base: number, serial: { n: number }): Record<string, unknown>[] {
  if (minute < a.from || minute >= a.from + a.minutes) return []
  const out: Record<string, unknown>[] = []
  for (let i = 0; i < a.perMinute; i++) {
    const time = base + Math.floor(((i + r() * 0.5) / a.perMinute) * 60_000)
    const n = serial.n++
    const common = { partner: 'storefront', country: 'US', pi_type: 'visa', flight: 'control', region: 'eastus', instance: 'px-0', latency_ms: 90 }
    if (a.kind === 'card_testing_ip' || a.kind === 'card_testing_holder') {
      const failed = r() < 0.85
      out.push({
        ...common,
        timestamp: new Date(time).toISOString(),
        operation: 'add_pi',
        user_id: `throwaway-${a.kind}-${n}`,
        ip: a.kind === 'card_testing_ip' ? a.ip : a.proxies === undefined ? `172.16.${(n >> 8) & 255}.${n & 255}` : `172.17.0.${n % a.proxies}`,
        card_holder_name: a.kind === 'card_testing_holder' ? a.holder : `Random Holder ${n}`,
        card_fingerprint: `stolen-${a.kind}-${n}`,
        validation_result: failed ? 'failed' : 'passed',
        status: failed ? 402 : 200,
      })
    } else if (a.kind === 'ddos_user') {
      const ip = a.proxies === undefined ? `172.20.${(n >> 8) & 255}.${n & 255}` : `172.21.0.${n % a.proxies}`
      out.push({ ...common, timestamp: new Date(time).toISOString(), operation: 'psd2_session', user_id: a.user, ip, status: 200 })
    } else if (a.kind === 'ddos_ip') {
      out.push({ ...common, timestamp: new Date(time).toISOString(), operation: 'psd2_session', user_id: `bot-${a.ip}-${n % a.users}`, ip: a.ip, status: 200 })
    } else {
      const operation = a.operation ?? 'edit_pi'
      const event: Record<string, unknown> = { ...common, timestamp: new Date(time).toISOString(), operation, user_id: `fuzz-${n}`, ip: a.ip, malformed: true, status: r() < 0.9 ? 400 : 500 }
      if (operation === 'add_pi') {
        // a garbled card: new every time, and the bank validation fails it
        event.card_fingerprint = `garbled-${n}`
        event.card_holder_name = `Fuzz Holder ${n}`
        event.validation_result = 'failed'
      }
      out.push(event)
    }
  }
  return out
}

/** Minute by minute, events sorted by time. */
export function* abuseTraffic(o: AbuseTrafficOptions): Generator<Record<string, unknown>[]> {
  const r = seededRandom(o.seed)
  const serial = { n: 0 }
  const corporate = o.corporateUsers ?? 0
  for (let m = 0; m < o.minutes; m++) {
    const base = o.start + m * 60_000
    const events: Record<string, unknown>[] = []
    for (let i = 0; i < o.perMinute; i++) {
      const time = base + Math.floor(r() * 60_000)
      // the corporate users are a fifth of the traffic
      if (corporate > 0 && r() < 0.2) {
        const u = Math.floor(r() * corporate)
        events.push(normalEvent(r, time, userId(o.users + u), CORPORATE_IP, holderOf(o.users + u), o.users + u))
        continue
      }
      const u = Math.floor(r() * o.users)
      events.push(normalEvent(r, time, userId(u), ipOf(u, o.ips), holderOf(u), u))
    }
    for (let i = 0; i < (o.batchPerMinute ?? 0); i++) {
      events.push(normalEvent(r, base + Math.floor(((i + 0.5) / (o.batchPerMinute ?? 1)) * 60_000), BATCH_USER, BATCH_IP, 'Partner Batch', -1))
    }
    for (const a of o.attacks ?? []) events.push(...attackEvents(a, r, m, base, serial))
    events.sort((a, b) => Date.parse(a.timestamp as string) - Date.parse(b.timestamp as string))
    yield events
  }
}
