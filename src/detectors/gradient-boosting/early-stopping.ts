/**
 * scikit-learn's `_should_stop`: with scores where higher is better (here the
 * negative validation loss, starting with the loss before the first tree),
 * stop when none of the last `nIterNoChange` scores beats the one just before
 * them by more than `tol`.
 */
export function shouldStop(scores: readonly number[], nIterNoChange: number, tol: number): boolean {
  const reference = scores.length - nIterNoChange - 1
  if (reference < 0) return false
  const bar = (scores[reference] as number) + tol
  for (let i = reference + 1; i < scores.length; i++) if ((scores[i] as number) > bar) return false
  return true
}
