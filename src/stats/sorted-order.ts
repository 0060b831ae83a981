/** Indices of `values` in increasing order of value, ties in input order (internal helper). */
export function sortedOrder(values: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(values.length)
  for (let i = 0; i < order.length; i++) order[i] = i
  return order.sort((a, b) => values[a] - values[b] || a - b)
}
