/** One value of a weighted list ([value, weight] pairs), drawn with `random` (test traffic generators). */
export function pickWeighted(random: () => number, weighted: readonly (readonly [string, number])[]): string {
  const total = weighted.reduce((s, [, w]) => s + w, 0)
  let x = random() * total
  for (const [v, w] of weighted) {
    x -= w
    if (x <= 0) return v
  }
  return (weighted[weighted.length - 1] as readonly [string, number])[0]
}
