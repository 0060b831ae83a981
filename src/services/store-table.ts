import type { DuckDBConnection } from '@duckdb/node-api'
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { InvalidInputError } from '../errors.js'
import type { DatasetFormat } from '../ingest/dataset-format.js'
import { quoteIdent, quoteLiteral } from '../ingest/duckdb.js'
import { describeTable } from '../ingest/load-table.js'
import { profileTable } from '../ingest/profile-table.js'
import { DATA_FILE, type DatasetManifest } from '../store/dataset-manifest.js'
import type { StagedDataset } from '../store/dataset-store.js'

export interface TableOrigin {
  readonly original_name: string
  readonly format: DatasetFormat
  /** Digest and size of the source bytes; computed from the Parquet copy when absent. */
  readonly sha256?: string
  readonly size_bytes?: number
  readonly source_dataset_ids?: string[]
}

/** Profile a loaded temp table and write it as the staged dataset's canonical Parquet file; returns the manifest to commit. */
export async function storeTable(conn: DuckDBConnection, staged: StagedDataset, table: string, origin: TableOrigin): Promise<DatasetManifest> {
  const described = await describeTable(conn, table)
  if (described.rows === 0) {
    throw new InvalidInputError(`'${origin.original_name}' has no data rows`, { field: 'file', value: origin.original_name, rows: 0 })
  }
  const profile = await profileTable(conn, table, described.columns)
  const dataFile = path.join(staged.dir, DATA_FILE)
  await conn.run(`COPY ${quoteIdent(table)} TO ${quoteLiteral(dataFile)} (FORMAT parquet, COMPRESSION zstd)`)
  const digest = origin.sha256 === undefined ? await fileDigest(dataFile) : { sha256: origin.sha256, size: origin.size_bytes ?? 0 }
  return {
    dataset_id: staged.id,
    original_name: origin.original_name,
    format: origin.format,
    size_bytes: digest.size,
    sha256: digest.sha256,
    rows: described.rows,
    columns: described.columns,
    profile,
    created_at: new Date().toISOString(),
    ...(origin.source_dataset_ids ? { source_dataset_ids: origin.source_dataset_ids } : {}),
  }
}

async function fileDigest(file: string): Promise<{ sha256: string; size: number }> {
  const bytes = await readFile(file)
  return { sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length }
}
