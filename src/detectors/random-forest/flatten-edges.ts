/** Per-feature bin edges as one array plus offsets (feature j: `edges[edgeStart[j] .. edgeStart[j + 1])`), for storage. */
export function flattenEdges(perFeature: readonly Float64Array[]): { edgeStart: Int32Array; edges: Float64Array } {
  const edgeStart = new Int32Array(perFeature.length + 1)
  for (let j = 0; j < perFeature.length; j++) edgeStart[j + 1] = (edgeStart[j] as number) + (perFeature[j] as Float64Array).length
  const edges = new Float64Array(edgeStart[perFeature.length] as number)
  perFeature.forEach((e, j) => edges.set(e, edgeStart[j] as number))
  return { edgeStart, edges }
}
