/**
 * Everything a comparison needs before any child process starts: each dataset
 * loaded (or generated), written once as binary files both sides read, and its
 * seeded stratified splits and warm-up subset computed here, in Node, and
 * written as index files, so both sides train and score identical rows.
 */
import { existsSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { splitFile, warmupFile, writeDataset, writeIndices, type DatasetMeta } from './data-files.js'
import type { DatasetSpec } from './datasets.js'
import { loadLabelledCsv, type LabelledData } from './load-csv.js'
import { TRAIN_FRACTION, WARMUP_ROWS, WARMUP_SEED } from './protocol.js'
import { takeLabels } from './rows.js'
import { stratifiedSplit, stratifiedSubset } from './split.js'
import { syntheticData } from './synthetic.js'
import { writeLabelledCsv } from './write-csv.js'

export interface PreparedDataset {
  readonly name: string
  /** Folder of the binary files (data-files.ts). */
  readonly dir: string
  readonly meta: DatasetMeta
  /** Labels of each seed's test split, for the metrics. */
  readonly testLabels: ReadonlyMap<number, Uint8Array>
}

/** `csv`: where generated rows were also saved (synthetic sets only). */
export type LoadResult = { readonly ok: true; readonly data: LabelledData; readonly csv?: string } | { readonly ok: false; readonly reason: string }

/** Read an ODDS file, or generate a synthetic set (also saved as CSV under `csvDir`). */
export async function loadDataset(spec: DatasetSpec, dataDir: string, csvDir: string): Promise<LoadResult> {
  if (spec.kind === 'odds') {
    const file = path.join(dataDir, spec.file)
    return existsSync(file) ? { ok: true, data: loadLabelledCsv(file) } : { ok: false, reason: `${file} not found` }
  }
  const data = syntheticData(spec.rows, spec.cols, spec.seed)
  mkdirSync(csvDir, { recursive: true })
  const csv = path.join(csvDir, `${spec.name}.csv`)
  await writeLabelledCsv(csv, data)
  return { ok: true, data, csv }
}

/** Write the data, one split per seed and the warm-up subset under `workDir/<name>/`. */
export function prepareSplits(name: string, data: LabelledData, seeds: readonly number[], workDir: string): PreparedDataset {
  const dir = path.join(workDir, name)
  const meta = writeDataset(dir, name, data)
  const testLabels = new Map<number, Uint8Array>()
  for (const seed of seeds) {
    const split = stratifiedSplit(data.y, TRAIN_FRACTION, seed)
    writeIndices(splitFile(dir, seed, 'train'), split.train)
    writeIndices(splitFile(dir, seed, 'test'), split.test)
    testLabels.set(seed, takeLabels(data.y, split.test))
  }
  const firstTrain = stratifiedSplit(data.y, TRAIN_FRACTION, seeds[0] ?? 0).train
  writeIndices(warmupFile(dir), stratifiedSubset(firstTrain, data.y, WARMUP_ROWS, WARMUP_SEED))
  return { name, dir, meta, testLabels }
}

/** For a set trained on in full (bench:large): the data and a warm-up subset of all rows. */
export function prepareWhole(name: string, data: LabelledData, workDir: string): PreparedDataset {
  const dir = path.join(workDir, name)
  const meta = writeDataset(dir, name, data)
  writeIndices(warmupFile(dir), stratifiedSubset(Int32Array.from(data.y.keys()), data.y, WARMUP_ROWS, WARMUP_SEED))
  return { name, dir, meta, testLabels: new Map() }
}
