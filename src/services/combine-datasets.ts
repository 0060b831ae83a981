import { randomUUID } from 'node:crypto'
import { InvalidInputError } from '../errors.js'
import { quoteIdent, quoteLiteral, type DuckDb } from '../ingest/duckdb.js'
import { cleanDuckDbMessage } from '../ingest/load-table.js'
import type { DatasetManifest } from '../store/dataset-manifest.js'
import type { DatasetStore } from '../store/dataset-store.js'
import { storeTable } from './store-table.js'

export interface CombineDeps {
  readonly duckdb: DuckDb
  readonly datasets: DatasetStore
}

/**
 * Stack datasets into a new immutable one (columns matched by name; a column
 * missing from one source is NULL for its rows). The sources stay as they are.
 */
export async function combineDatasets(deps: CombineDeps, ids: readonly string[]): Promise<DatasetManifest> {
  const sources = await Promise.all(ids.map((id) => deps.datasets.get(id)))
  const staged = await deps.datasets.stage()
  try {
    const manifest = await deps.duckdb.withConnection(async (conn) => {
      const table = `combined_${randomUUID().replaceAll('-', '')}`
      const union = sources
        .map((s) => `SELECT * FROM read_parquet(${quoteLiteral(deps.datasets.dataFile(s.dataset_id))})`)
        .join(' UNION ALL BY NAME ')
      try {
        await conn.run(`CREATE TEMP TABLE ${quoteIdent(table)} AS ${union}`)
      } catch (err) {
        throw new InvalidInputError(`datasets ${ids.join(' and ')} cannot be combined: ${cleanDuckDbMessage(err)}`, {
          field: 'dataset_id',
          value: ids,
        })
      }
      return storeTable(conn, staged, table, {
        original_name: `combined(${sources.map((s) => s.original_name).join(' + ')})`,
        format: 'parquet',
        source_dataset_ids: sources.map((s) => s.dataset_id),
      })
    })
    await staged.commit(manifest)
    return manifest
  } catch (err) {
    await staged.discard()
    throw err
  }
}
