import type { DatasetFormat } from '../ingest/dataset-format.js'
import type { ColumnInfo } from '../ingest/load-table.js'
import type { ColumnProfile } from '../ingest/profile-table.js'

/** `datasets/<id>/meta.json`: everything known about an immutable dataset. */
export interface DatasetManifest {
  readonly dataset_id: string
  /** File name as uploaded (or a description for generated/combined datasets). */
  readonly original_name: string
  readonly format: DatasetFormat
  readonly size_bytes: number
  /** SHA-256 of the bytes as uploaded (for combined datasets: of the stored Parquet file). */
  readonly sha256: string
  readonly rows: number
  readonly columns: ColumnInfo[]
  readonly profile: ColumnProfile[]
  readonly created_at: string
  /** For a combined dataset, the datasets it was made from, in order. */
  readonly source_dataset_ids?: string[]
}

export const MANIFEST_FILE = 'meta.json'
export const DATA_FILE = 'data.parquet'
export const ORIGINAL_PREFIX = 'original'
