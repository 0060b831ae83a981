import { aliasTable, type AliasTable } from './alias-table.js'
import { COUNTRIES, FLIGHTS, GLOBAL_PI_TYPES, LATENCY_SIGMA, OPERATIONS, PARTNERS, PI_LATENCY, REGION_LATENCY, REGION_SHARE, REGIONS, SUCCESS_CODES, SYSTEM_ERROR_CODES, USER_ERROR_CODES } from './catalogue.js'
import { PX_DIMENSIONS } from './dimensions.js'

/**
 * The catalogue compiled for the hot loop: every dimension value is an
 * index, every draw an alias table. Partner and flight are independent of
 * the rest; operation, PI type and region depend on the country; the
 * instance is uniform within its region (a load balancer).
 */
export interface TrafficModel {
  /** Values of each dimension, in {@link PX_DIMENSIONS} order. */
  readonly values: readonly (readonly string[])[]
  readonly partner: AliasTable
  readonly flight: AliasTable
  readonly country: AliasTable
  /** Per country. */
  readonly operation: readonly AliasTable[]
  readonly piType: readonly AliasTable[]
  readonly region: readonly AliasTable[]
  /** Per region: first instance index and how many. */
  readonly instanceStart: Int32Array
  readonly instanceCount: Int32Array
  /** Region of each instance. */
  readonly instanceRegion: Int32Array
  /** Marginal and conditional probabilities, for expectations over a combination. */
  readonly p: {
    readonly partner: Float64Array
    readonly flight: Float64Array
    readonly country: Float64Array
    /** [country][operation] */
    readonly operation: readonly Float64Array[]
    readonly piType: readonly Float64Array[]
    readonly region: readonly Float64Array[]
  }
  /** Per operation. */
  readonly userErrorRate: Float64Array
  readonly systemErrorRate: Float64Array
  readonly medianMs: Float64Array
  /** Per region and per PI type. */
  readonly regionLatency: Float64Array
  readonly piLatency: Float64Array
  readonly latencySigma: number
  readonly successCodes: { readonly codes: Uint16Array; readonly table: AliasTable }
  readonly userErrorCodes: { readonly codes: Uint16Array; readonly table: AliasTable }
  readonly systemErrorCodes: { readonly codes: Uint16Array; readonly table: AliasTable }
}

function normalise(weights: readonly number[]): Float64Array {
  const total = weights.reduce((s, w) => s + w, 0)
  return Float64Array.from(weights, (w) => w / total)
}

function codes(list: readonly (readonly [number, number])[]): { codes: Uint16Array; table: AliasTable } {
  return { codes: Uint16Array.from(list, ([c]) => c), table: aliasTable(list.map(([, w]) => w)) }
}

/** Instance names such as `centralus-07`: region and number, so a reader sees where it runs. */
function instanceNames(): { names: string[]; region: number[] } {
  const names: string[] = []
  const region: number[] = []
  REGIONS.forEach(([name, count], r) => {
    for (let i = 1; i <= count; i++) {
      names.push(`${name}-${String(i).padStart(2, '0')}`)
      region.push(r)
    }
  })
  return { names, region }
}

/** Compile the catalogue. The result is immutable and shared by every generator. */
export function buildTrafficModel(): TrafficModel {
  const piNames: string[] = GLOBAL_PI_TYPES.map(([n]) => n)
  for (const c of COUNTRIES) for (const [n] of c.localPi) if (!piNames.includes(n)) piNames.push(n)
  const regionNames = REGIONS.map(([n]) => n)
  const { names: instances, region: instanceRegion } = instanceNames()
  const values = [PARTNERS.map(([n]) => n), COUNTRIES.map((c) => c.code), OPERATIONS.map((o) => o.name), piNames, FLIGHTS.map(([n]) => n), regionNames, instances]
  if (values.length !== PX_DIMENSIONS.length) throw new Error('traffic model: one value list per dimension')

  const opWeights = COUNTRIES.map((c) => OPERATIONS.map((o) => (o.psd2Only && !c.psd2 ? 0 : o.weight)))
  const piWeights = COUNTRIES.map((c) => {
    const w = piNames.map(() => 0)
    for (const [n, x] of [...GLOBAL_PI_TYPES, ...c.localPi]) w[piNames.indexOf(n)] = x
    return w
  })
  const regionWeights = COUNTRIES.map((c) => regionNames.map((r) => REGION_SHARE[c.geo][r] ?? 0))
  const instanceStart = new Int32Array(REGIONS.length)
  const instanceCount = Int32Array.from(REGIONS, ([, n]) => n)
  for (let r = 1; r < REGIONS.length; r++) instanceStart[r] = instanceStart[r - 1]! + instanceCount[r - 1]!

  return {
    values,
    partner: aliasTable(PARTNERS.map(([, w]) => w)),
    flight: aliasTable(FLIGHTS.map(([, w]) => w)),
    country: aliasTable(COUNTRIES.map((c) => c.weight)),
    operation: opWeights.map(aliasTable),
    piType: piWeights.map(aliasTable),
    region: regionWeights.map(aliasTable),
    instanceStart,
    instanceCount,
    instanceRegion: Int32Array.from(instanceRegion),
    p: {
      partner: normalise(PARTNERS.map(([, w]) => w)),
      flight: normalise(FLIGHTS.map(([, w]) => w)),
      country: normalise(COUNTRIES.map((c) => c.weight)),
      operation: opWeights.map(normalise),
      piType: piWeights.map(normalise),
      region: regionWeights.map(normalise),
    },
    userErrorRate: Float64Array.from(OPERATIONS, (o) => o.userErrorRate),
    systemErrorRate: Float64Array.from(OPERATIONS, (o) => o.systemErrorRate),
    medianMs: Float64Array.from(OPERATIONS, (o) => o.medianMs),
    regionLatency: Float64Array.from(regionNames, (r) => REGION_LATENCY[r] ?? 1),
    piLatency: Float64Array.from(piNames, (p) => PI_LATENCY[p] ?? 1),
    latencySigma: LATENCY_SIGMA,
    successCodes: codes(SUCCESS_CODES),
    userErrorCodes: codes(USER_ERROR_CODES),
    systemErrorCodes: codes(SYSTEM_ERROR_CODES),
  }
}

let shared: TrafficModel | undefined

/** The one compiled model (built on first use). */
export function trafficModel(): TrafficModel {
  shared ??= buildTrafficModel()
  return shared
}
