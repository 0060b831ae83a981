import { randomUUID } from 'node:crypto'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { InvalidInputError } from '../errors.js'
import { assertCompleteJsonArray } from '../ingest/assert-complete-json.js'
import { detectFormat } from '../ingest/dataset-format.js'
import { flattenStructs } from '../ingest/flatten-structs.js'
import type { DuckDb } from '../ingest/duckdb.js'
import { loadTable } from '../ingest/load-table.js'
import { receiveFile } from '../ingest/receive-file.js'
import { sniffDelimiter } from '../ingest/sniff-delimiter.js'
import { ORIGINAL_PREFIX, type DatasetManifest } from '../store/dataset-manifest.js'
import type { DatasetStore } from '../store/dataset-store.js'
import { storeTable } from './store-table.js'

export interface IngestDeps {
  readonly duckdb: DuckDb
  readonly datasets: DatasetStore
  readonly maxUploadBytes: number
}

export interface IngestInput {
  readonly stream: Readable
  readonly filename: string
}

/**
 * Upload → validated, profiled, immutable dataset. The bytes are kept as
 * uploaded (the digest is over them) next to a canonical Parquet copy that
 * training reads; on any error nothing is left behind.
 */
export async function ingestDataset(deps: IngestDeps, input: IngestInput): Promise<DatasetManifest> {
  const staged = await deps.datasets.stage()
  try {
    const ext = path.extname(input.filename).toLowerCase().replace(/[^a-z0-9.]/g, '') || '.bin'
    const original = path.join(staged.dir, `${ORIGINAL_PREFIX}${ext}`)
    const received = await receiveFile(input.stream, original, deps.maxUploadBytes)
    if (received.bytes === 0) {
      throw new InvalidInputError(`'${input.filename}' is empty (0 bytes)`, { field: 'file', value: input.filename })
    }
    const format = detectFormat(input.filename, received.head)
    if (format === 'json') await assertCompleteJsonArray(original, input.filename)
    const manifest = await deps.duckdb.withConnection(async (conn) => {
      const table = `upload_${randomUUID().replaceAll('-', '')}`
      const delimiter = format === 'csv' ? sniffDelimiter(received.head, input.filename) : undefined
      await loadTable(conn, { file: original, format, originalName: input.filename, delimiter }, table)
      return storeTable(conn, staged, await flattenStructs(conn, table), {
        original_name: input.filename,
        format,
        sha256: received.sha256,
        size_bytes: received.bytes,
      })
    })
    await staged.commit(manifest)
    return manifest
  } catch (err) {
    await staged.discard()
    throw err
  }
}
