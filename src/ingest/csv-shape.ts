const QUOTE = 0x22
const BACKSLASH = 0x5c
const LF = 0x0a
const CR = 0x0d

/** A record whose field count differs from the header's. */
export interface RaggedRecord {
  /** 1-based line where the record starts. */
  readonly line: number
  readonly fields: number
}

export interface CsvShapeOptions {
  /** One byte, e.g. ',' or '\t'. */
  readonly delimiter: string
  /** Also take `\"` inside quotes as an escaped quote (some exporters write that instead of `""`). */
  readonly backslashEscapes: boolean
  /** Stop once the header has more fields than this (the caller refuses the file). */
  readonly maxFields: number
}

/**
 * Counts the fields of every CSV record, chunk by chunk, as a reader that
 * quotes with `"` does (delimiters and line breaks inside quotes belong to the
 * field; a quote opens a quoted field only at its start). Blank lines are
 * skipped, as DuckDB does. Stops at the first record whose count differs
 * from the header's: DuckDB, given such a file, may fail with a vague
 * message or, worse, read it as something else (one row of
 * `column0..2`), so the upload is refused with this record's line and count.
 */
export class CsvShapeScanner {
  /** Fields of the header (the first non-blank record); undefined until it ends. */
  headerFields: number | undefined
  ragged: RaggedRecord | undefined
  /** Data records counted (the header aside). */
  records = 0

  private readonly delimiter: number
  private line = 1
  private recordLine = 1
  private fields = 1
  private content = false
  private fieldStart = true
  private inQuotes = false
  private quoteSeen = false
  private escaped = false
  private afterCr = false
  private stopped = false

  constructor(private readonly options: CsvShapeOptions) {
    this.delimiter = options.delimiter.charCodeAt(0)
  }

  /** True once the scan has its answer (a ragged record, or a header over the limit). */
  get done(): boolean {
    return this.stopped
  }

  push(chunk: Uint8Array): void {
    if (this.stopped) return
    const delimiter = this.delimiter
    const backslash = this.options.backslashEscapes
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i] as number
      // CRLF, LF and CR each end one line
      const crlfTail = b === LF && this.afterCr
      this.afterCr = b === CR
      const lineBreak = (b === LF && !crlfTail) || b === CR
      if (this.inQuotes) {
        if (this.escaped) {
          this.escaped = false
          if (lineBreak) this.line++
          continue
        }
        if (this.quoteSeen) {
          this.quoteSeen = false
          if (b === QUOTE) continue // "" inside quotes
          this.inQuotes = false // that quote closed the field: this byte is outside it
        } else {
          if (b === QUOTE) this.quoteSeen = true
          else if (backslash && b === BACKSLASH) this.escaped = true
          else if (lineBreak) this.line++
          continue
        }
      }
      if (b === LF || b === CR) {
        if (!lineBreak) continue
        this.endRecord()
        this.line++
        if (this.stopped) return
        continue
      }
      if (!this.content) {
        this.content = true
        this.recordLine = this.line
      }
      if (b === delimiter) {
        this.fields++
        this.fieldStart = true
        continue
      }
      if (b === QUOTE && this.fieldStart) this.inQuotes = true
      this.fieldStart = false
    }
  }

  /** The end of the input: the last record may lack its line break. */
  end(): void {
    if (this.stopped) return
    this.endRecord()
  }

  private endRecord(): void {
    if (this.content) {
      if (this.headerFields === undefined) {
        this.headerFields = this.fields
        if (this.fields > this.options.maxFields) this.stopped = true
      } else {
        this.records++
        if (this.fields !== this.headerFields) {
          this.ragged = { line: this.recordLine, fields: this.fields }
          this.stopped = true
        }
      }
    }
    this.fields = 1
    this.content = false
    this.fieldStart = true
    this.inQuotes = false
    this.quoteSeen = false
  }
}
