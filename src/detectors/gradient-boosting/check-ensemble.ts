import type { Ensemble } from './ensemble.js'

/**
 * Refuse a stored ensemble whose arrays disagree in length or whose links
 * could send scoring out of bounds or round in circles: every child must come
 * after its parent (as the grower allocates them) and every split must name a
 * known feature.
 */
export function checkEnsemble(e: Ensemble): void {
  const nodes = e.feature.length
  const arrays = { threshold: e.threshold, left: e.left, value: e.value, hessian: e.hessian, count: e.count }
  for (const [name, array] of Object.entries(arrays)) {
    if (array.length !== nodes) throw new RangeError(`stored ensemble has ${array.length} '${name}' entries for ${nodes} nodes`)
  }
  for (const root of e.roots) {
    if (!(root >= 0 && root < nodes)) throw new RangeError(`stored ensemble has a root at node ${root} of ${nodes}`)
  }
  for (let i = 0; i < nodes; i++) {
    const f = e.feature[i] as number
    if (f < 0) continue
    const left = e.left[i] as number
    if (f >= e.nFeatures || !(left > i && left + 1 < nodes)) {
      throw new RangeError(`stored ensemble node ${i} splits on feature ${f} with children at ${left}; the model is corrupt`)
    }
  }
}
