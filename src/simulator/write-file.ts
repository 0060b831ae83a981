import { createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { finished } from 'node:stream/promises'
import { createDuckDb, quoteIdent, quoteLiteral } from '../ingest/duckdb.js'
import { COLUMNS } from './columns.js'
import { generateLogs } from './generate-logs.js'
import type { ResolvedConfig } from './resolve-config.js'
import type { GenerationSummary } from './tally.js'
import { writeText, type TextFormat } from './write-text.js'

export const OUTPUT_FORMATS = ['jsonl', 'csv', 'parquet'] as const

export type OutputFormat = (typeof OUTPUT_FORMATS)[number]

/**
 * Generate `rows` records into `file`. JSON lines keep 004's nesting; CSV
 * and Parquet have one column per leaf, named by its dot path. Parquet goes
 * through a flat JSON lines file that DuckDB reads with the fixed column
 * types, so the types never depend on the data.
 */
export async function writeLogFile(config: ResolvedConfig, rows: number, format: OutputFormat, file: string): Promise<GenerationSummary> {
  if (format !== 'parquet') return writeTextFile(config, rows, format, file)
  const dir = await mkdtemp(path.join(tmpdir(), 'vigil-simulator-'))
  try {
    const flat = path.join(dir, 'rows.jsonl')
    const summary = await writeTextFile(config, rows, 'flat-jsonl', flat)
    const duckdb = await createDuckDb({ tempDirectory: dir, memoryLimit: '1GB' })
    try {
      const types = COLUMNS.map((c) => `${quoteLiteral(c.name)}: ${quoteLiteral(c.type)}`).join(', ')
      const select = COLUMNS.map((c) => quoteIdent(c.name)).join(', ')
      const source = `read_json(${quoteLiteral(flat)}, format = 'newline_delimited', columns = {${types}})`
      await duckdb.withConnection((conn) => conn.run(`COPY (SELECT ${select} FROM ${source}) TO ${quoteLiteral(file)} (FORMAT parquet)`))
    } finally {
      duckdb.close()
    }
    return summary
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

async function writeTextFile(config: ResolvedConfig, rows: number, format: TextFormat, file: string): Promise<GenerationSummary> {
  const out = createWriteStream(file)
  try {
    const summary = await writeText(generateLogs(config), rows, format, out, config)
    out.end()
    await finished(out)
    return summary
  } catch (err) {
    out.destroy()
    throw err
  }
}
