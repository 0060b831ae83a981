import type { FitNotes } from '../types.js'
import type { Forest } from './forest.js'

const NODE_BYTES = 4 + 4 + 8 + 8

/** What the training response reports about a forest's size: nodes, leaves per tree, deepest leaf, in-memory model size. */
export function forestNotes(forest: Forest, featuresPerSplit: number): FitNotes {
  const nodes = forest.feature.length
  // children are stored after their parents, so one forward pass gives every depth
  const depth = new Int32Array(nodes)
  let leaves = 0
  let deepest = 0
  for (let i = 0; i < nodes; i++) {
    const d = depth[i] as number
    if ((forest.feature[i] as number) < 0) {
      leaves++
      if (d > deepest) deepest = d
      continue
    }
    depth[i + 1] = d + 1
    depth[forest.right[i] as number] = d + 1
  }
  return {
    nodes,
    leaves_per_tree: Math.round(leaves / forest.trees),
    max_depth_reached: deepest,
    features_per_split: featuresPerSplit,
    model_mib: Math.round((nodes * NODE_BYTES + forest.edges.length * 8) / 1048576 * 10) / 10,
  }
}
