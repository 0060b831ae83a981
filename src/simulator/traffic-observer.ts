import { distanceKm } from './geo.js'
import type { Draft } from './draft.js'
import { emptyMetrics, type Metrics } from './metrics.js'
import { round } from './sample.js'
import { KeyedWindows } from './sliding-window.js'

const MINUTE = 60_000
const CUSTOMER_PREFIX = 'USR-'
const SWEEP_EVERY = 20_000

interface LoginEvent {
  readonly ip: string
  readonly user: string
  readonly success: boolean
}

interface CardEvent {
  readonly token: string
  readonly declined: boolean
}

/**
 * Sees every row in stream order and computes the windowed metrics a bank's
 * services attach to their logs (004's `failed_attempts`, `unique_ips`,
 * `success_rate`, …). They are computed from what was generated, so a brute
 * force raises `failed_attempts` because the attempts happened, and a normal
 * customer who mistypes a password shows a 1 too.
 */
export class TrafficObserver {
  private readonly ipRequests = new KeyedWindows<null>(MINUTE)
  private readonly serviceStatus = new KeyedWindows<boolean>(5 * MINUTE)
  private readonly serviceErrors = new Map<string, number>()
  private readonly userLogins = new KeyedWindows<LoginEvent>(15 * MINUTE)
  private readonly ipLogins = new KeyedWindows<LoginEvent>(15 * MINUTE)
  private readonly ipCards = new KeyedWindows<CardEvent>(60 * MINUTE)
  private readonly lastSeen = new Map<string, { time: number; geo: string }>()
  private readonly devices = new Map<string, Set<string>>()
  private readonly destinations: Set<string>
  private seen = 0

  /**
   * @param knownDevices the devices a customer already used before the stream began
   * @param knownDestinations hosts outbound transfers routinely go to
   */
  constructor(
    private readonly knownDevices: (userId: string) => readonly string[],
    knownDestinations: readonly string[],
  ) {
    this.destinations = new Set(knownDestinations)
  }

  /** The full metrics object of `d`, updating every window with it. */
  observe(d: Draft): Metrics {
    const m = emptyMetrics()
    for (const [name, value] of Object.entries(d.measured)) m[name as keyof Metrics] = value
    m.requests_per_minute = this.count(d)
    m.error_rate = this.errorRate(d)
    // customers move; staff and service accounts log from fixed sites, so only customers get a speed
    if (d.userId !== null && d.userId.startsWith(CUSTOMER_PREFIX)) m.geo_velocity_kmh = this.velocity(d.userId, d.time, d.geo)
    if (d.userId !== null && d.device !== undefined) m.new_device = this.newDevice(d.userId, d.device)
    if (d.login && d.userId !== null) Object.assign(m, this.loginStats(d, d.userId, d.login.success))
    if (d.card) Object.assign(m, this.cardStats(d, d.card))
    if (d.destination !== undefined) {
      m.new_destination = this.destinations.has(d.destination) ? 0 : 1
      this.destinations.add(d.destination)
    }
    if (++this.seen % SWEEP_EVERY === 0) this.sweep(d.time)
    return m
  }

  private count(d: Draft): number {
    const w = this.ipRequests.get(d.ip)
    w.push(d.time, null)
    return w.size
  }

  private errorRate(d: Draft): number {
    const w = this.serviceStatus.get(d.service)
    const error = (d.measured.status_code ?? 200) >= 400
    const dropped = w.push(d.time, error)
    const errors = (this.serviceErrors.get(d.service) ?? 0) + (error ? 1 : 0) - dropped.filter(Boolean).length
    this.serviceErrors.set(d.service, errors)
    return round(errors / w.size, 4)
  }

  private velocity(userId: string, time: number, geo: string): number {
    const last = this.lastSeen.get(userId)
    this.lastSeen.set(userId, { time, geo })
    if (!last || last.geo === geo) return 0
    const hours = Math.max(time - last.time, MINUTE) / 3_600_000
    return round(distanceKm(last.geo, geo) / hours, 1)
  }

  private newDevice(userId: string, device: string): number {
    let known = this.devices.get(userId)
    if (!known) {
      known = new Set(this.knownDevices(userId))
      this.devices.set(userId, known)
    }
    if (known.has(device)) return 0
    known.add(device)
    return 1
  }

  private loginStats(d: Draft, user: string, success: boolean): Partial<Metrics> {
    const event: LoginEvent = { ip: d.ip, user, success }
    const mine = this.userLogins.get(user)
    mine.push(d.time, event)
    const fromIp = this.ipLogins.get(d.ip)
    fromIp.push(d.time, event)
    let failed = 0
    const ips = new Set<string>()
    for (const e of mine.items()) {
      if (!e.success) failed++
      ips.add(e.ip)
    }
    const users = new Set<string>()
    for (const e of fromIp.items()) users.add(e.user)
    return { failed_attempts: failed, unique_ips: ips.size, unique_users: users.size, success_rate: round(1 - failed / mine.size, 4) }
  }

  private cardStats(d: Draft, card: CardEvent): Partial<Metrics> {
    const w = this.ipCards.get(d.ip)
    w.push(d.time, card)
    const cards = new Set<string>()
    let declined = 0
    for (const e of w.items()) {
      cards.add(e.token)
      if (e.declined) declined++
    }
    return { distinct_cards: cards.size, decline_rate: round(declined / w.size, 4) }
  }

  private sweep(time: number): void {
    for (const windows of [this.ipRequests, this.userLogins, this.ipLogins, this.ipCards]) windows.sweep(time)
    for (const [user, last] of this.lastSeen) if (time - last.time > 24 * 60 * MINUTE) this.lastSeen.delete(user)
  }
}
