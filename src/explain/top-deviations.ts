import { LEVEL_ORDER } from './deviation-level.js'
import type { FeatureDeviation } from './feature-deviations.js'

/**
 * The `n` features that drove the score most: largest |contribution| first,
 * ties broken by the more unusual level, then by the earlier feature. Unlike
 * the explanation sentence it keeps normal features, so every row names its
 * drivers. One pass with a sorted window of `n`: this runs on every row of a
 * large batch.
 */
export function topDeviations(deviations: Readonly<Record<string, FeatureDeviation>>, n: number): Record<string, FeatureDeviation> {
  const top: (readonly [string, FeatureDeviation])[] = []
  for (const name in deviations) {
    const d = deviations[name] as FeatureDeviation
    let at = top.length
    while (at > 0 && ranksAbove(d, (top[at - 1] as readonly [string, FeatureDeviation])[1])) at--
    if (at < n) {
      top.splice(at, 0, [name, d])
      if (top.length > n) top.pop()
    }
  }
  const out: Record<string, FeatureDeviation> = {}
  for (const [name, d] of top) out[name] = d
  return out
}

function ranksAbove(a: FeatureDeviation, b: FeatureDeviation): boolean {
  const ca = Math.abs(a.contribution)
  const cb = Math.abs(b.contribution)
  return ca > cb || (ca === cb && LEVEL_ORDER[a.deviation_level] > LEVEL_ORDER[b.deviation_level])
}
