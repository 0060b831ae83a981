import { COLUMNS, flatValues } from './columns.js'
import type { LogRecord } from './log-record.js'

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/

function cell(value: string | number | boolean | null): string {
  if (value === null) return ''
  const text = String(value)
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** The CSV header: the dot-path column names. */
export const CSV_HEADER = `${COLUMNS.map((c) => cell(c.name)).join(',')}\n`

/** One record as a CSV line (RFC 4180 quoting; null is an empty cell). */
export function csvLine(r: LogRecord): string {
  return `${flatValues(r).map(cell).join(',')}\n`
}
