/** Labelled synthetic CSVs, generated on the fly: `x0..x{n-1}` Gaussian-ish columns and a 0/1 `label` (about 5% shifted rows). */
import { createHash } from 'node:crypto'
import { seededRandom } from './seeded-random.js'

export interface SyntheticCsv {
  readonly bytes: Buffer
  readonly rows: number
  readonly columns: readonly string[]
  readonly sha256: string
}

export function syntheticCsv(rows: number, featureCount: number, seed: number): SyntheticCsv {
  const random = seededRandom(seed)
  const columns = Array.from({ length: featureCount }, (_, j) => `x${j}`)
  const lines: string[] = [[...columns, 'label'].join(',')]
  const cells: string[] = []
  for (let i = 0; i < rows; i++) {
    const anomaly = random() < 0.05
    cells.length = 0
    for (let j = 0; j < featureCount; j++) {
      const noise = random() + random() + random() - 1.5
      cells.push((noise * 4 + j + (anomaly ? 5 : 0)).toFixed(4))
    }
    cells.push(anomaly ? '1' : '0')
    lines.push(cells.join(','))
  }
  const bytes = Buffer.from(`${lines.join('\n')}\n`)
  return { bytes, rows, columns: [...columns, 'label'], sha256: createHash('sha256').update(bytes).digest('hex') }
}

/** One ordinary row of such a dataset, for a prediction. */
export function sampleRow(featureCount: number): Record<string, number> {
  return Object.fromEntries(Array.from({ length: featureCount }, (_, j) => [`x${j}`, j + 0.25]))
}
