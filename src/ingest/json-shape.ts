const OPEN_OBJECT = 0x7b // {
const CLOSE_OBJECT = 0x7d // }
const OPEN_ARRAY = 0x5b // [
const CLOSE_ARRAY = 0x5d // ]
const QUOTE = 0x22 // "
const BACKSLASH = 0x5c // \
const COLON = 0x3a // :
const COMMA = 0x2c // ,

/** Keys of the first records are gathered (for the column limit); later records are only scanned. */
export const KEY_RECORDS = 1000
const KEY_BYTES = 256
const WRAPPER_KEYS = 5

export type TopLevelKind = 'object' | 'array' | 'scalar'

/**
 * The shape of JSON text, read chunk by chunk without parsing it: how deep
 * arrays and objects nest, how many top-level values there are, the field
 * names of the first records, and which keys of a single top-level object
 * hold arrays (a wrapper such as `{"data": [...]}`). Linear time, constant
 * memory, no recursion: it runs before anything that recurses (JSON.parse's
 * consumers, DuckDB) sees the text. Malformed JSON is not its concern: the
 * parser that follows reports it.
 */
export class JsonShapeScanner {
  /** Deepest nesting seen (`[{"a": 1}]` is 2). */
  maxDepth = 0
  /** Top-level values seen (an array file has 1; JSON lines have one per line). */
  topLevelValues = 0
  firstKind: TopLevelKind | undefined
  /** Keys of the first top-level object whose values are arrays. */
  readonly wrapperKeys: string[] = []
  /** Distinct field names of the first records (objects at record depth). */
  readonly recordKeys = new Set<string>()

  private depth = 0
  private inString = false
  private escaped = false
  private inScalar = false
  private expectKey = false
  private key: number[] | undefined
  private lastKey: string | undefined
  private pendingKey: string | undefined
  private records = 0
  private stopped = false

  /**
   * With `stopAbove`, scanning stops once nesting passes it (the caller
   * refuses the input anyway); `maxKeys` bounds `recordKeys` (one more is
   * kept, to tell that the limit was passed).
   */
  constructor(
    private readonly stopAbove = Number.POSITIVE_INFINITY,
    private readonly maxKeys = 100_000,
  ) {}

  /** Objects at this depth are records: inside a top-level array, or at top level (JSON lines). */
  private get recordDepth(): number {
    return this.firstKind === 'array' ? 2 : 1
  }

  push(chunk: Uint8Array): void {
    if (this.stopped) return
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i] as number
      if (this.inString) {
        if (this.key !== undefined && this.key.length < KEY_BYTES && !(b === QUOTE && !this.escaped)) this.key.push(b)
        if (this.escaped) this.escaped = false
        else if (b === BACKSLASH) this.escaped = true
        else if (b === QUOTE) this.endString()
        continue
      }
      if (b === QUOTE) {
        this.startValue()
        this.inString = true
        this.key = this.expectKey && this.depth === this.recordDepth && this.records <= KEY_RECORDS ? [] : this.depth === 1 && this.topLevelValues === 1 ? [] : undefined
        continue
      }
      if (b === OPEN_OBJECT || b === OPEN_ARRAY) {
        this.startValue(b === OPEN_OBJECT ? 'object' : 'array')
        if (this.depth === 1 && this.topLevelValues === 1 && this.firstKind === 'object' && b === OPEN_ARRAY && this.pendingKey !== undefined) {
          if (this.wrapperKeys.length < WRAPPER_KEYS) this.wrapperKeys.push(this.pendingKey)
        }
        this.depth++
        if (this.depth > this.maxDepth) {
          this.maxDepth = this.depth
          if (this.depth > this.stopAbove) {
            this.stopped = true
            return
          }
        }
        if (b === OPEN_OBJECT && this.depth === this.recordDepth) this.records++
        this.expectKey = b === OPEN_OBJECT
        continue
      }
      if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) {
        this.inScalar = false
        if (this.depth > 0) this.depth--
        this.expectKey = false
        continue
      }
      if (b === COLON) {
        this.inScalar = false
        this.expectKey = false
        if (this.depth === 1) this.pendingKey = this.lastKey
        continue
      }
      if (b === COMMA) {
        this.inScalar = false
        this.expectKey = true
        if (this.depth === 1) this.pendingKey = undefined
        continue
      }
      if (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) {
        this.inScalar = false
        continue
      }
      this.startValue('scalar')
      this.inScalar = true
    }
  }

  /** A value begins: at depth 0 it is a new top-level value (a scalar token counts once). */
  private startValue(kind: TopLevelKind = 'scalar'): void {
    if (this.depth !== 0 || this.inScalar) return
    this.topLevelValues++
    this.firstKind ??= kind
  }

  private endString(): void {
    this.inString = false
    const key = this.key
    this.key = undefined
    if (key === undefined) return
    const text = Buffer.from(key).toString('utf8')
    if (this.expectKey && this.depth === this.recordDepth && this.records <= KEY_RECORDS && this.recordKeys.size <= this.maxKeys) this.recordKeys.add(text)
    if (this.depth === 1) this.lastKey = text
  }
}
