import type { FeatureOutput } from '../features/pipeline-spec.js'
import { LEVEL_ORDER } from './deviation-level.js'
import type { FeatureDeviation } from './feature-deviations.js'

const TOP_DRIVERS = 3

/**
 * One sentence a person can act on: the features that drove the score most,
 * in plain words, largest contribution first.
 */
export function explanationText(
  deviations: Readonly<Record<string, FeatureDeviation>>,
  isAnomaly: boolean,
  outputs: ReadonlyMap<string, FeatureOutput> = new Map(),
): string {
  const describe = ([name, d]: Driver): string => describeFeature(name, d, outputs.get(name))
  const drivers = topDrivers(deviations, isAnomaly)
  const unusual = drivers.filter(([, d]) => d.deviation_level !== 'normal')
  if (!isAnomaly && unusual.length === 0) return 'Event appears normal with typical feature patterns.'
  if (isAnomaly && unusual.length === 0) {
    return drivers.length > 0
      ? `Unusual combination of individually typical values; most influential: ${drivers.map(describe).join('; ')}.`
      : 'Anomalous score, with no single feature far from training.'
  }
  const described = (isAnomaly ? drivers : unusual).map(describe).join('; ')
  return isAnomaly ? `${described}.` : `Within the threshold, though ${described}.`
}

type Driver = readonly [string, FeatureDeviation]

/**
 * The `TOP_DRIVERS` features with the largest |contribution| (ties: the more
 * unusual level, then the earlier feature), among the unusual ones (every
 * feature for an anomaly), leaving out normal features that contributed
 * nothing. One pass, no sort: this runs on every explained prediction.
 */
function topDrivers(deviations: Readonly<Record<string, FeatureDeviation>>, isAnomaly: boolean): Driver[] {
  const top: Driver[] = []
  for (const name in deviations) {
    const d = deviations[name] as FeatureDeviation
    if (d.deviation_level === 'normal' && (!isAnomaly || d.contribution === 0)) continue
    let at = top.length
    while (at > 0 && ranksAbove(d, (top[at - 1] as Driver)[1])) at--
    if (at < TOP_DRIVERS) {
      top.splice(at, 0, [name, d])
      if (top.length > TOP_DRIVERS) top.pop()
    }
  }
  return top
}

function ranksAbove(a: FeatureDeviation, b: FeatureDeviation): boolean {
  const ca = Math.abs(a.contribution)
  const cb = Math.abs(b.contribution)
  return ca > cb || (ca === cb && LEVEL_ORDER[a.deviation_level] > LEVEL_ORDER[b.deviation_level])
}

function describeFeature(name: string, d: FeatureDeviation, output: FeatureOutput | undefined): string {
  if (d.type === 'categorical') {
    const share = 1 - (d.rarity_score ?? 1)
    return share === 0 ? `${name} '${d.value}' never seen in training` : `${name} '${d.value}' seen in ${percent(share)} of training rows`
  }
  const z = d.z_score ?? 0
  const v = typeof d.value === 'number' ? d.value : Number(d.value)
  // engineered features read better in terms of the column they come from
  if (output?.op === 'rolling_z') {
    return `${output.source} is ${Math.abs(v) >= 1000 ? 'far' : `${Math.abs(v).toFixed(1)} standard deviations`} ${v >= 0 ? 'above' : 'below'} the mean of its previous ${output.window} values`
  }
  const away = Math.abs(z) < 2 ? 'typical' : `${Math.abs(z) >= 1000 ? 'far' : `${Math.abs(z).toFixed(1)} standard deviations`} ${z > 0 ? 'above' : 'below'} typical`
  if (output?.op === 'diff') return `${output.source} changed by ${number(v)} from the previous value (${away})`
  if (output?.op === 'lag') return `${output.source} ${output.k} step${output.k > 1 ? 's' : ''} earlier was ${number(v)} (${away})`
  if (output?.op === 'rolling_mean') return `the mean of ${output.source} over its previous ${output.window} values, ${number(v)}, is ${away}`
  if (output?.op === 'rolling_std') return `the spread of ${output.source} over its previous ${output.window} values, ${number(v)}, is ${away}`
  return `${name} ${number(v)} is ${away}`
}

function number(v: number | string): string {
  if (typeof v === 'string') return v
  return Math.abs(v) >= 1000 ? grouped(Math.round(v)) : String(+v.toPrecision(4))
}

/** An integer with comma thousands separators, as toLocaleString('en-US') writes it (without ICU's cost on every explained prediction). */
function grouped(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US')
  const digits = String(Math.abs(n))
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1)
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`
  return n < 0 ? `-${out}` : out
}

function percent(share: number): string {
  const p = share * 100
  return `${p >= 1 ? p.toFixed(0) : p >= 0.01 ? p.toFixed(2) : p.toPrecision(1)}%`
}

