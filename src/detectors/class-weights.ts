/** How supervised detectors weigh the classes: equally, or inversely to their frequency. */
export type ClassWeight = 'balanced' | null

/**
 * Per-class sample weights [w0, w1]. 'balanced' is scikit-learn's
 * n_samples / (n_classes * count(class)), so rare anomalies count as much in
 * total as the common class.
 */
export function classWeights(y: Uint8Array, mode: ClassWeight): [number, number] {
  if (mode !== 'balanced') return [1, 1]
  let positives = 0
  for (let i = 0; i < y.length; i++) positives += y[i] as number
  const negatives = y.length - positives
  if (positives === 0 || negatives === 0) return [1, 1]
  return [y.length / (2 * negatives), y.length / (2 * positives)]
}
