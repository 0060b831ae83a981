import type { Matrix } from '../../math/matrix.js'

/** Edges are padded to this many slots so that every lookup takes the same 8 steps. */
const SLOTS = 256
/** Bins one block of features can address with 16-bit codes. */
const BLOCK_BINS = 65_536

/**
 * Every training value binned, in two layouts. For histograms, a 16-bit bin
 * id: bins of all features are numbered consecutively (feature f's bin b is
 * `firstBin[f] + b`), so an update is one load and one multiply, no
 * per-feature offset (12% faster than byte codes plus offsets, measured);
 * features are grouped in blocks of at most 65,536 bins (about 256 features),
 * each stored row-major so a row's codes share a cache line. For partitioning
 * and routing, each feature's plain bin as a byte, column-major: splitting a
 * node reads one feature of its rows, which then sit in one compact column
 * (18% faster training on 1M x 20, measured).
 */
export interface BinnedData {
  readonly rows: number
  /** Row-major codes of each block; a code counts from the block's first bin. */
  readonly blocks: readonly Uint16Array[]
  readonly blockCols: Int32Array
  readonly blockFirstBin: Int32Array
  readonly firstBin: Int32Array
  readonly binCounts: Int32Array
  readonly totalBins: number
  /** Per feature, the bin of every row. */
  readonly columns: readonly Uint8Array[]
}

/**
 * Bin every value: bin = number of edges strictly below it (as
 * `math/bin-features.ts` `binOf`), found by a fixed-step search over edges
 * padded with +Infinity, free of unpredictable branches.
 */
export function binData(X: Matrix, edges: readonly Float64Array[]): BinnedData {
  const { data, rows, cols } = X
  const binCounts = Int32Array.from(edges, (e) => e.length + 1)
  const firstBin = new Int32Array(cols)
  const firstBins: number[] = []
  const widths: number[] = []
  let total = 0
  for (let j = 0; j < cols; j++) {
    const count = binCounts[j] as number
    if (count > SLOTS) throw new RangeError(`feature ${j} has ${count} bins; at most ${SLOTS} fit the bin search`)
    if (widths.length === 0 || total + count - (firstBins[firstBins.length - 1] as number) > BLOCK_BINS) {
      firstBins.push(total)
      widths.push(0)
    }
    widths[widths.length - 1] = (widths[widths.length - 1] as number) + 1
    firstBin[j] = total
    total += count
  }
  const blockCols = Int32Array.from(widths)
  const blockFirstBin = Int32Array.from(firstBins)
  const blocks = widths.map((w) => new Uint16Array(rows * w))
  const columns = edges.map(() => new Uint8Array(rows))
  // all features' edges padded to SLOTS, so row-by-row binning reads X once, in order
  const padded = new Float64Array(cols * SLOTS).fill(Infinity)
  edges.forEach((e, j) => padded.set(e, j * SLOTS))
  let j0 = 0
  blocks.forEach((codes, k) => {
    const width = blockCols[k] as number
    const shift = blockFirstBin[k] as number
    for (let i = 0; i < rows; i++) {
      const src = i * cols + j0
      const dst = i * width
      for (let c = 0; c < width; c++) {
        const j = j0 + c
        const v = data[src + c] as number
        let p = j * SLOTS
        // +(a < b) compiles to a flag move, `? :` to a branch that mispredicts half the time (4x slower, measured)
        p += +((padded[p + 127] as number) < v) << 7
        p += +((padded[p + 63] as number) < v) << 6
        p += +((padded[p + 31] as number) < v) << 5
        p += +((padded[p + 15] as number) < v) << 4
        p += +((padded[p + 7] as number) < v) << 3
        p += +((padded[p + 3] as number) < v) << 2
        p += +((padded[p + 1] as number) < v) << 1
        p += +((padded[p] as number) < v)
        const bin = p - j * SLOTS
        codes[dst + c] = (firstBin[j] as number) - shift + bin
        const column = columns[j] as Uint8Array
        column[i] = bin
      }
    }
    j0 += width
  })
  return { rows, blocks, blockCols, blockFirstBin, firstBin, binCounts, totalBins: total, columns }
}

