import { InvalidInputError } from '../errors.js'
import { CsvShapeScanner } from './csv-shape.js'
import { detectFormat, type DatasetFormat } from './dataset-format.js'
import { JsonShapeScanner, KEY_RECORDS } from './json-shape.js'
import { HEAD_BYTES } from './receive-file.js'
import { sniffDelimiter } from './sniff-delimiter.js'

export interface UploadLimits {
  /** Nesting of arrays and objects in JSON and JSON lines (MAX_JSON_DEPTH). */
  readonly maxJsonDepth: number
  /** Columns of a dataset (MAX_COLUMNS). */
  readonly maxColumns: number
}

/**
 * Looks at an upload while it streams to disk, so that what would crash or
 * mislead DuckDB is refused before DuckDB reads it: JSON nested deeper than
 * the limit (DuckDB segfaults on a few thousand levels), a single JSON object
 * where rows were expected, more columns than the limit, and CSV records
 * whose field count differs from the header's. The format is decided from
 * the first bytes as `detectFormat` decides it, then only the matching
 * scanner runs (linear, constant memory).
 */
export class UploadInspector {
  private readonly head: Buffer[] = []
  private headLength = 0
  private decided = false
  private json: JsonShapeScanner | undefined
  /** Quote-doubling and backslash-escaping readers: a record is ragged only if both say so. */
  private csv: readonly [CsvShapeScanner, CsvShapeScanner] | undefined
  /** CSV: the delimiter taken from the header line, for DuckDB to use as well. */
  delimiter: string | undefined

  constructor(
    private readonly filename: string,
    private readonly limits: UploadLimits,
  ) {}

  push(chunk: Buffer): void {
    if (this.decided) {
      this.feed(chunk)
      return
    }
    this.head.push(chunk)
    this.headLength += chunk.length
    if (this.headLength >= HEAD_BYTES) this.decide()
  }

  /** The upload is complete: finish the scans. */
  end(): void {
    if (!this.decided) this.decide()
    for (const scanner of this.csv ?? []) scanner.end()
  }

  /** JSON: distinct field names of the first records. */
  get recordFields(): number {
    return this.json?.recordKeys.size ?? 0
  }

  /** Throws a 400 naming the problem when the upload (of `format`) must not reach DuckDB. */
  check(format: DatasetFormat): void {
    if (this.json && (format === 'json' || format === 'jsonl')) this.checkJson(this.json, format)
    if (this.csv && format === 'csv') this.checkCsv(this.csv[0], this.csv[1])
  }

  private decide(): void {
    this.decided = true
    const all = Buffer.concat(this.head)
    this.head.length = 0
    let format: DatasetFormat | undefined
    try {
      format = detectFormat(this.filename, all.subarray(0, HEAD_BYTES))
    } catch {
      // not a format we read: detectFormat says so again after the upload
      return
    }
    if (format === 'json' || format === 'jsonl') this.json = new JsonShapeScanner(this.limits.maxJsonDepth, this.limits.maxColumns)
    if (format === 'csv') {
      this.delimiter = sniffDelimiter(all.subarray(0, HEAD_BYTES), this.filename) ?? ','
      const options = { delimiter: this.delimiter, maxFields: this.limits.maxColumns }
      this.csv = [new CsvShapeScanner({ ...options, backslashEscapes: false }), new CsvShapeScanner({ ...options, backslashEscapes: true })]
    }
    this.feed(all)
  }

  private feed(chunk: Buffer): void {
    this.json?.push(chunk)
    for (const scanner of this.csv ?? []) scanner.push(chunk)
  }

  private checkJson(json: JsonShapeScanner, format: DatasetFormat): void {
    const { maxJsonDepth, maxColumns } = this.limits
    const name = this.filename
    if (json.maxDepth > maxJsonDepth) {
      throw new InvalidInputError(`'${name}' nests arrays and objects more than ${maxJsonDepth} levels deep; the limit is ${maxJsonDepth} (MAX_JSON_DEPTH)`, {
        field: 'file',
        value: name,
        limit: maxJsonDepth,
      })
    }
    if (format === 'jsonl' && json.topLevelValues === 1 && json.firstKind === 'object' && /\.json$/i.test(name)) {
      const wrapper = json.wrapperKeys[0]
      const hint =
        wrapper === undefined
          ? 'upload an array of row objects ([{...}, {...}]) or JSON lines (one object per line)'
          : `its key '${wrapper}' holds an array: upload that array itself ([{...}, {...}]) or JSON lines; wrappers are not unwrapped, so no key is guessed`
      throw new InvalidInputError(`'${name}' is one JSON object, not rows: ${hint}`, { field: 'file', value: name })
    }
    if (json.recordKeys.size > maxColumns) {
      throw new InvalidInputError(`'${name}' has more than ${maxColumns} distinct fields in its first ${KEY_RECORDS} rows; the limit is ${maxColumns} columns (MAX_COLUMNS)`, {
        field: 'file',
        value: name,
        limit: maxColumns,
      })
    }
  }

  private checkCsv(quoted: CsvShapeScanner, escaped: CsvShapeScanner): void {
    const { maxColumns } = this.limits
    const name = this.filename
    const header = quoted.headerFields ?? 0
    if (header > maxColumns) {
      throw new InvalidInputError(`'${name}' has ${header} columns; the limit is ${maxColumns} (MAX_COLUMNS)`, { field: 'file', value: name, limit: maxColumns, columns: header })
    }
    const ragged = quoted.ragged
    if (ragged === undefined || escaped.ragged === undefined) return
    throw new InvalidInputError(
      `'${name}' line ${ragged.line} has ${ragged.fields} ${ragged.fields === 1 ? 'field' : 'fields'}, but the header has ${header}: every row needs one value per column (an empty value is fine: a,,c)`,
      { field: 'file', value: name, line: ragged.line, fields: ragged.fields, expected_fields: header },
    )
  }
}
