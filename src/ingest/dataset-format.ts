import { InvalidInputError } from '../errors.js'

export type DatasetFormat = 'csv' | 'json' | 'jsonl' | 'parquet'

export const SUPPORTED_EXTENSIONS: Record<string, DatasetFormat> = {
  '.csv': 'csv',
  '.tsv': 'csv',
  '.txt': 'csv',
  '.json': 'json',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.parquet': 'parquet',
  '.pq': 'parquet',
}

const PARQUET_MAGIC = 'PAR1'

/**
 * Decide the format from the file name and the first bytes: Parquet by its
 * magic number, JSON by its first character ('[' array, '{' lines), CSV by
 * extension. Content wins over a text extension: JSON lines saved as `.txt`
 * (or `.csv`) are read as JSON lines, not as one odd CSV column. Refuses
 * binary content under a text name.
 */
export function detectFormat(filename: string, head: Uint8Array): DatasetFormat {
  const dot = filename.lastIndexOf('.')
  const ext = dot >= 0 ? filename.slice(dot).toLowerCase() : ''
  const byExt = SUPPORTED_EXTENSIONS[ext]
  const magic = Buffer.from(head.subarray(0, 4)).toString('latin1')
  if (magic === PARQUET_MAGIC) return 'parquet'
  if (byExt === undefined) {
    throw new InvalidInputError(
      `unsupported file type '${ext || filename}'; upload CSV (.csv, .tsv, .txt), JSON (.json: an array of rows), JSON lines (.jsonl, .ndjson) or Parquet (.parquet)`,
      { field: 'file', value: filename, limit: Object.keys(SUPPORTED_EXTENSIONS) },
    )
  }
  if (byExt === 'parquet') {
    throw new InvalidInputError(`'${filename}' is not a Parquet file: it does not start with the Parquet magic bytes 'PAR1'`, {
      field: 'file',
      value: filename,
    })
  }
  if (head.includes(0)) {
    throw new InvalidInputError(`'${filename}' looks binary (it contains NUL bytes), not ${byExt.toUpperCase()} text`, {
      field: 'file',
      value: filename,
    })
  }
  const text = Buffer.from(head).toString('utf8').trimStart()
  if (byExt === 'csv') return looksLikeJson(text) ?? 'csv'
  if (byExt === 'json' || byExt === 'jsonl') {
    const first = text[0]
    if (first === '[') return 'json'
    if (first === '{') return 'jsonl'
    throw new InvalidInputError(
      `'${filename}' is not JSON rows: expected an array of objects ('[{...}, ...]') or one object per line, found '${first ?? ''}' first`,
      { field: 'file', value: filename },
    )
  }
  return byExt
}

/** JSON rows under a text name: one object per line, or an array that starts with an object. */
function looksLikeJson(text: string): DatasetFormat | undefined {
  if (text.startsWith('{')) return 'jsonl'
  if (/^\[\s*\{/.test(text)) return 'json'
  return undefined
}
