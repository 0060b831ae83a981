import { once } from 'node:events'
import type { Writable } from 'node:stream'
import { COLUMNS, flatValues } from './columns.js'
import { CSV_HEADER, csvLine } from './csv-line.js'
import type { LogRecord } from './log-record.js'
import type { ResolvedConfig } from './resolve-config.js'
import { Tally, type GenerationSummary } from './tally.js'

/** How records become text: 004's nested JSON lines, flat (dot-path) JSON lines, or CSV. */
export type TextFormat = 'jsonl' | 'flat-jsonl' | 'csv'

const CHUNK_CHARS = 1 << 16

/** A record as one JSON line, nested as 004 writes it. */
export function jsonLine(r: LogRecord): string {
  return `${JSON.stringify(r)}\n`
}

/** A record as one flat JSON line keyed by dot paths (the CSV/Parquet columns). */
export function flatJsonLine(r: LogRecord): string {
  const values = flatValues(r)
  return `${JSON.stringify(Object.fromEntries(COLUMNS.map((c, i) => [c.name, values[i]])))}\n`
}

const LINE: Record<TextFormat, (r: LogRecord) => string> = { jsonl: jsonLine, 'flat-jsonl': flatJsonLine, csv: csvLine }

/**
 * Write the first `rows` records, honouring the stream's backpressure (which
 * also lets the event loop breathe while a server generates a large
 * dataset). Does not end the stream.
 */
export async function writeText(records: Iterator<LogRecord>, rows: number, format: TextFormat, out: Writable, config: ResolvedConfig): Promise<GenerationSummary> {
  const tally = new Tally(config)
  const line = LINE[format]
  let chunk = format === 'csv' ? CSV_HEADER : ''
  for (let i = 0; i < rows; i++) {
    const r = records.next().value as LogRecord
    tally.add(r)
    chunk += line(r)
    if (chunk.length >= CHUNK_CHARS) {
      if (!out.write(chunk)) await once(out, 'drain')
      chunk = ''
    }
  }
  if (chunk.length > 0 && !out.write(chunk)) await once(out, 'drain')
  return tally.summary()
}
