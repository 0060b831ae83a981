import { createMatrix, type Matrix } from '../../src/math/matrix.js'
import { createRng } from '../../src/math/random.js'

/**
 * A seeded Gaussian cloud with a few points planted far away (label 1), on
 * both sides, or on one side (`oneSided`) so that a linear model can
 * separate them too.
 */
export function plantedAnomalies(rows = 600, cols = 5, share = 0.05, seed = 3, oneSided = false): { X: Matrix; y: Uint8Array } {
  const rng = createRng(seed)
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next())
  const X = createMatrix(rows, cols)
  const y = new Uint8Array(rows)
  for (let i = 0; i < rows; i++) {
    const anomaly = rng.next() < share
    y[i] = anomaly ? 1 : 0
    for (let j = 0; j < cols; j++) X.data[i * cols + j] = gauss() + (anomaly ? (oneSided ? 3 + 6 * rng.next() : rng.next() < 0.5 ? -5 : 5) : 0)
  }
  return { X, y }
}
