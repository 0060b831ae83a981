import { FREE, LOWER, UPPER, swapPositions, type SolverState } from './solver-state.js'

/**
 * Rebuild G for the shrunk positions [activeSize, l) from Gbar and the free
 * rows (libsvm's `reconstruct_gradient`), looping over whichever side is
 * cheaper in kernel evaluations.
 */
export function reconstructGradient(s: SolverState): void {
  const { l, activeSize: n, G, Gbar, alpha, status, Q } = s
  if (n === l) return
  for (let j = n; j < l; j++) G[j] = Gbar[j] as number
  let nFree = 0
  for (let j = 0; j < n; j++) if (status[j] === FREE) nFree++
  if (nFree * l > 2 * n * (l - n)) {
    for (let i = n; i < l; i++) {
      const Qi = Q.row(i, n)
      let g = G[i] as number
      for (let j = 0; j < n; j++) if (status[j] === FREE) g += (alpha[j] as number) * (Qi[j] as number)
      G[i] = g
    }
  } else {
    for (let i = 0; i < n; i++) {
      if (status[i] !== FREE) continue
      const Qi = Q.row(i, l)
      const a = alpha[i] as number
      for (let j = n; j < l; j++) G[j] += a * (Qi[j] as number)
    }
  }
}

/**
 * libsvm's `do_shrinking` for y = +1: set aside rows at a bound whose
 * gradient says they will stay there; once the violation is within
 * 10·eps, un-shrink everything once and continue on the full set.
 */
export function shrink(s: SolverState): void {
  const { G, status } = s
  let gMax1 = -Infinity // max -G over rows that can grow
  let gMax2 = -Infinity // max G over rows that can shrink
  for (let i = 0; i < s.activeSize; i++) {
    const g = G[i] as number
    if (status[i] !== UPPER && -g >= gMax1) gMax1 = -g
    if (status[i] !== LOWER && g >= gMax2) gMax2 = g
  }
  if (!s.unshrink && gMax1 + gMax2 <= s.eps * 10) {
    s.unshrink = true
    reconstructGradient(s)
    s.activeSize = s.l
  }
  for (let i = 0; i < s.activeSize; i++) {
    if (!settled(s, i, gMax1, gMax2)) continue
    s.activeSize--
    while (s.activeSize > i) {
      if (!settled(s, s.activeSize, gMax1, gMax2)) {
        swapPositions(s, i, s.activeSize)
        break
      }
      s.activeSize--
    }
  }
}

/** libsvm's `be_shrunk`. */
function settled(s: SolverState, i: number, gMax1: number, gMax2: number): boolean {
  const st = s.status[i]
  if (st === UPPER) return -(s.G[i] as number) > gMax1
  if (st === LOWER) return (s.G[i] as number) > gMax2
  return false
}
