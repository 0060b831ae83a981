import { randomUUID } from 'node:crypto'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { InvalidInputError } from '../errors.js'
import { assertCompleteJsonArray } from '../ingest/assert-complete-json.js'
import { assertColumnLimit } from '../ingest/column-limit.js'
import { detectFormat } from '../ingest/dataset-format.js'
import { flattenStructs } from '../ingest/flatten-structs.js'
import type { DuckDb } from '../ingest/duckdb.js'
import { loadTable } from '../ingest/load-table.js'
import { receiveFile } from '../ingest/receive-file.js'
import { UploadInspector, type UploadLimits } from '../ingest/upload-inspector.js'
import { ORIGINAL_PREFIX, type DatasetManifest } from '../store/dataset-manifest.js'
import type { DatasetStore } from '../store/dataset-store.js'
import { storeTable } from './store-table.js'

export interface IngestDeps {
  readonly duckdb: DuckDb
  readonly datasets: DatasetStore
  readonly maxUploadBytes: number
  readonly limits: UploadLimits
}

/** DuckDB reads a JSON object with this many keys or more as a MAP by default; records that wide are kept as columns. */
const DUCKDB_MAP_THRESHOLD = 200

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
    const inspector = new UploadInspector(input.filename, deps.limits)
    const received = await receiveFile(input.stream, original, deps.maxUploadBytes, (chunk) => inspector.push(chunk))
    if (received.bytes === 0) {
      throw new InvalidInputError(`'${input.filename}' is empty (0 bytes)`, { field: 'file', value: input.filename })
    }
    inspector.end()
    const format = detectFormat(input.filename, received.head)
    inspector.check(format)
    if (format === 'json') await assertCompleteJsonArray(original, input.filename)
    const manifest = await deps.duckdb.withConnection(async (conn) => {
      const table = `upload_${randomUUID().replaceAll('-', '')}`
      const json = format === 'json' || format === 'jsonl'
      await loadTable(
        conn,
        {
          file: original,
          format,
          originalName: input.filename,
          delimiter: format === 'csv' ? inspector.delimiter : undefined,
          maxJsonDepth: json ? deps.limits.maxJsonDepth : undefined,
          mapInferenceThreshold: json && inspector.recordFields >= DUCKDB_MAP_THRESHOLD ? deps.limits.maxColumns + 1 : undefined,
        },
        table,
      )
      const flat = await flattenStructs(conn, table)
      await assertColumnLimit(conn, flat, deps.limits.maxColumns, input.filename)
      return storeTable(conn, staged, flat, {
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
