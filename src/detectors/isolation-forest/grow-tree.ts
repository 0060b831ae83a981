import type { Matrix } from '../../math/matrix.js'
import type { Rng } from '../../math/random.js'
import { averagePathLength } from './path-length.js'

/** Growable node arrays shared by every tree of one forest. */
export interface NodeBuffer {
  feature: Int32Array
  value: Float64Array
  left: Int32Array
  size: number
}

export function createNodeBuffer(capacity: number): NodeBuffer {
  return { feature: new Int32Array(capacity), value: new Float64Array(capacity), left: new Int32Array(capacity), size: 0 }
}

function allocate(buf: NodeBuffer, count: number): number {
  const first = buf.size
  const needed = first + count
  if (needed > buf.feature.length) {
    const capacity = Math.max(needed, buf.feature.length * 2)
    const feature = new Int32Array(capacity)
    feature.set(buf.feature)
    const value = new Float64Array(capacity)
    value.set(buf.value)
    const left = new Int32Array(capacity)
    left.set(buf.left)
    buf.feature = feature
    buf.value = value
    buf.left = left
  }
  buf.size = needed
  return first
}

/**
 * Grow one isolation tree (Liu et al. 2008, Algorithm 2) on the rows in
 * `sample`, choosing among `features`. Returns the index of its root.
 */
export function growTree(
  X: Matrix,
  sample: Int32Array,
  features: Int32Array,
  maxDepth: number,
  rng: Rng,
  buf: NodeBuffer,
): number {
  const root = allocate(buf, 1)
  // explicit stack of (node, start, end, depth) over the sample index buffer
  const stack: number[] = [root, 0, sample.length, 0]
  const candidates = Int32Array.from(features)
  const cols = X.cols
  const data = X.data
  while (stack.length > 0) {
    const depth = stack.pop() as number
    const end = stack.pop() as number
    const start = stack.pop() as number
    const node = stack.pop() as number
    const size = end - start
    let split = -1
    let lo = 0
    let hi = 0
    if (depth < maxDepth && size > 1) {
      // draw features without replacement until one is not constant in this node
      let remaining = candidates.length
      while (remaining > 0) {
        const pick = rng.int(remaining)
        const f = candidates[pick] as number
        candidates[pick] = candidates[remaining - 1] as number
        candidates[remaining - 1] = f
        remaining--
        lo = Infinity
        hi = -Infinity
        for (let k = start; k < end; k++) {
          const v = data[(sample[k] as number) * cols + f] as number
          if (v < lo) lo = v
          if (v > hi) hi = v
        }
        if (hi > lo) {
          split = f
          break
        }
      }
    }
    if (split < 0) {
      buf.feature[node] = -1
      buf.value[node] = depth + averagePathLength(size)
      continue
    }
    let threshold = rng.uniform(lo, hi)
    if (threshold >= hi) threshold = lo
    // partition: values <= threshold first
    let i = start
    let j = end - 1
    while (i <= j) {
      if ((data[(sample[i] as number) * cols + split] as number) <= threshold) i++
      else {
        const t = sample[i] as number
        sample[i] = sample[j] as number
        sample[j] = t
        j--
      }
    }
    const children = allocate(buf, 2)
    buf.feature[node] = split
    buf.value[node] = threshold
    buf.left[node] = children
    stack.push(children, start, i, depth + 1, children + 1, i, end, depth + 1)
  }
  return root
}
