import { createReadStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Readable } from 'node:stream'
import type { DatasetManifest } from '../store/dataset-manifest.js'
import type { ResolvedConfig } from './resolve-config.js'
import type { GenerationSummary } from './tally.js'
import { writeLogFile, type OutputFormat } from './write-file.js'

/** How a dataset is stored: the service's own upload (`app.vigil.uploadDataset`). */
export type UploadDataset = (stream: Readable, filename: string) => Promise<DatasetManifest>

/**
 * Generate `rows` records and store them as a dataset through the same
 * ingest an upload takes (validated, profiled, digested). The file is named
 * after the seed and size, e.g. `banking-logs-seed7-100000.parquet`.
 */
export async function createDataset(upload: UploadDataset, config: ResolvedConfig, rows: number, format: OutputFormat): Promise<{ dataset: DatasetManifest; summary: GenerationSummary }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'vigil-simulator-'))
  try {
    const filename = `banking-logs-seed${config.seed}-${rows}.${format}`
    const file = path.join(dir, filename)
    const summary = await writeLogFile(config, rows, format, file)
    const dataset = await upload(createReadStream(file), filename)
    return { dataset, summary }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
