/** Write a labelled numeric CSV in the format load-csv.ts reads (header, features, last column `is_anomaly`). */
import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { LABEL_COLUMN, type LabelledData } from './load-csv.js'

/** Values are written in JavaScript's shortest round-trip form, so reading the file back gives the same doubles. */
export async function writeLabelledCsv(file: string, data: LabelledData): Promise<void> {
  const { X, y } = data
  const out = createWriteStream(file)
  const write = async (text: string): Promise<void> => {
    if (!out.write(text)) await once(out, 'drain')
  }
  await write(`${[...data.featureNames, LABEL_COLUMN].join(',')}\n`)
  const lines: string[] = []
  for (let r = 0; r < X.rows; r++) {
    lines.push(`${Array.from(X.data.subarray(r * X.cols, (r + 1) * X.cols)).join(',')},${y[r] as number}`)
    if (lines.length === 10_000 || r === X.rows - 1) {
      await write(`${lines.join('\n')}\n`)
      lines.length = 0
    }
  }
  out.end()
  await once(out, 'finish')
}
