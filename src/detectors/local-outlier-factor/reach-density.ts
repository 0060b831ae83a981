/** scikit-learn's guard against a zero mean reach distance (duplicated rows): densities stay finite. */
export const DENSITY_EPSILON = 1e-10

/**
 * Local reachability density of a point from its k nearest reference rows,
 * exactly as scikit-learn computes it: 1 / (mean over neighbours o of
 * max(dist(x, o), k-distance(o)) + 1e-10).
 *
 * @param dist - true distances to the neighbours, at `dist[at .. at + k)`
 * @param neighbors - their reference row indices, at the same positions
 */
export function reachDensity(dist: Float64Array, neighbors: Int32Array, at: number, k: number, kDistance: Float64Array): number {
  let sum = 0
  for (let i = at; i < at + k; i++) {
    const d = dist[i] as number
    const kd = kDistance[neighbors[i] as number] as number
    sum += d > kd ? d : kd
  }
  return 1 / (sum / k + DENSITY_EPSILON)
}
