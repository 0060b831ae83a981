/**
 * A table shaped like 002's README example (price, volume, amount: units a
 * hundred times apart), rows independent, 3% anomalies that show only in the
 * smallest-unit column. The kind of data Vigil's users send (latencies next
 * to byte counts), and where distances on raw values see only the largest
 * column: it shows what standardising inputs does for LOF and one-class SVM.
 */
import { createRng } from '../../src/math/random.js'
import { LABEL, type LabelledTable } from './labelled-sets.js'

export function mixedUnitsTable(rows = 6_000, seed = 2002): LabelledTable {
  const rng = createRng(seed)
  const gauss = (): number => Math.sqrt(-2 * Math.log(rng.next() + 1e-12)) * Math.cos(2 * Math.PI * rng.next())
  const header = ['price', 'volume', 'amount', LABEL]
  const out: string[][] = []
  const y = new Uint8Array(rows)
  for (let i = 0; i < rows; i++) {
    const anomaly = rng.next() < 0.03 ? 1 : 0
    y[i] = anomaly
    const price = 100 + 5 * gauss() + (anomaly ? (rng.next() < 0.5 ? 1 : -1) * (25 + 15 * rng.next()) : 0)
    out.push([price.toFixed(2), String(Math.round(1000 + 80 * gauss())), String(Math.round(10_000 + 500 * gauss())), String(anomaly)])
  }
  return { name: 'mixed-units', header, rows: out, y, inputs: header.slice(0, 3), text: new Set() }
}
