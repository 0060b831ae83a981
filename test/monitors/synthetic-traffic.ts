import { seededRandom } from '../crash/seeded-random.js'
import { pickWeighted } from '../weighted-pick.js'

/**
 * A small PX-like request stream for the monitor tests: seven dimensions with
 * skewed values, a mild daily rhythm, baseline error rates and lognormal
 * latency, and regressions injected into chosen combinations.
 */
export interface Injected {
  readonly dimensions: Readonly<Record<string, string>>
  readonly from: number
  readonly to: number
  readonly status5xx?: number
  readonly status4xx?: number
  readonly status?: number
  readonly latencyFactor?: number
  /** Keep this share of the combination's requests (0 = outage). */
  readonly keep?: number
}

export interface TrafficOptions {
  readonly start: number
  readonly minutes: number
  readonly perMinute: number
  readonly seed: number
  readonly inject?: readonly Injected[]
  readonly extraDimension?: string
}

const VALUES: Record<string, readonly [string, number][]> = {
  partner: [['storefront', 50], ['dime', 20], ['cart', 15], ['xbox', 10], ['office', 5]],
  country: [['US', 45], ['CA', 20], ['GB', 15], ['DE', 10], ['FR', 10]],
  operation: [['add_pi', 40], ['edit_pi', 30], ['psd2_session', 20], ['list_pi', 10]],
  pi_type: [['visa', 40], ['mc', 30], ['amex', 15], ['paypal', 10], ['citizens_one', 5]],
  flight: [['control', 80], ['new_ui', 20]],
  region: [['eastus', 40], ['centralus', 30], ['westeurope', 30]],
}

export function* syntheticTraffic(options: TrafficOptions): Generator<Record<string, unknown>[]> {
  const rand = seededRandom(options.seed)
  for (let m = 0; m < options.minutes; m++) {
    const minuteStart = options.start + m * 60_000
    const hour = new Date(minuteStart).getUTCHours()
    const rhythm = 1 + 0.3 * Math.sin(((hour - 6) / 24) * 2 * Math.PI)
    const n = Math.round(options.perMinute * rhythm * (0.9 + 0.2 * rand()))
    const batch: Record<string, unknown>[] = []
    for (let i = 0; i < n; i++) {
      const time = minuteStart + Math.floor((i / n) * 60_000)
      const event: Record<string, unknown> = { timestamp: new Date(time).toISOString() }
      for (const [d, values] of Object.entries(VALUES)) event[d] = pickWeighted(rand, values)
      event.instance = `${String(event.region)}-${1 + Math.floor(rand() * 8)}`
      if (options.extraDimension !== undefined) event[options.extraDimension] = rand() < 0.7 ? '2.1' : '2.2'
      const base = event.operation === 'psd2_session' ? 0.05 : 0.02
      let p5 = 0.005
      let p4 = base
      let fixed: number | undefined
      let latencyFactor = 1
      let dropped = false
      for (const inj of options.inject ?? []) {
        if (time < inj.from || time >= inj.to) continue
        if (!Object.entries(inj.dimensions).every(([k, v]) => event[k] === v)) continue
        if (inj.status5xx !== undefined) p5 = inj.status5xx
        if (inj.status4xx !== undefined) p4 = inj.status4xx
        if (inj.status !== undefined) fixed = inj.status
        if (inj.latencyFactor !== undefined) latencyFactor = inj.latencyFactor
        if (inj.keep !== undefined && rand() >= inj.keep) dropped = true
      }
      if (dropped) continue
      const r = rand()
      event.status = fixed ?? (r < p5 ? 503 : r < p5 + p4 ? 400 : 200)
      const median = event.operation === 'add_pi' ? 180 : 90
      const normal = Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand())
      event.latency_ms = Math.round(median * latencyFactor * Math.exp(0.35 * normal))
      batch.push(event)
    }
    yield batch
  }
}
