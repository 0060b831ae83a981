/**
 * The files both sides of a comparison read, so that they see identical data:
 * `X.f64` (row-major little-endian float64), `y.u8` (0/1 labels), `meta.json`,
 * and row indices as little-endian int32 (`split-<seed>-train.i32`, ...).
 * Binary, read straight into typed arrays / numpy arrays: loading costs no
 * parsing and no transient memory, so the baseline RSS after loading is the
 * data itself.
 */
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createMatrix } from '../src/math/matrix.js'
import type { LabelledData } from './load-csv.js'

export interface DatasetMeta {
  readonly name: string
  readonly rows: number
  readonly cols: number
  readonly anomalies: number
  readonly featureNames: readonly string[]
}

if (os.endianness() !== 'LE') throw new Error('the bench writes little-endian binary files and needs a little-endian machine')

export const splitFile = (dir: string, seed: number, part: 'train' | 'test'): string => path.join(dir, `split-${seed}-${part}.i32`)
export const warmupFile = (dir: string): string => path.join(dir, 'warmup.i32')

export function writeDataset(dir: string, name: string, data: LabelledData): DatasetMeta {
  mkdirSync(dir, { recursive: true })
  const { X, y } = data
  const meta: DatasetMeta = { name, rows: X.rows, cols: X.cols, anomalies: y.reduce((n, v) => n + v, 0), featureNames: data.featureNames }
  writeFileSync(path.join(dir, 'X.f64'), new Uint8Array(X.data.buffer, X.data.byteOffset, X.data.byteLength))
  writeFileSync(path.join(dir, 'y.u8'), y)
  writeFileSync(path.join(dir, 'meta.json'), `${JSON.stringify(meta)}\n`)
  return meta
}

export function writeIndices(file: string, indices: Int32Array): void {
  writeFileSync(file, new Uint8Array(indices.buffer, indices.byteOffset, indices.byteLength))
}

export function readMeta(dir: string): DatasetMeta {
  return JSON.parse(readFileSync(path.join(dir, 'meta.json'), 'utf8')) as DatasetMeta
}

export function readDataset(dir: string): LabelledData & { readonly meta: DatasetMeta } {
  const meta = readMeta(dir)
  const X = createMatrix(meta.rows, meta.cols, readInto(path.join(dir, 'X.f64'), new Float64Array(meta.rows * meta.cols)))
  const y = readInto(path.join(dir, 'y.u8'), new Uint8Array(meta.rows))
  return { X, y, featureNames: meta.featureNames, meta }
}

export function readIndices(file: string): Int32Array {
  const bytes = statSync(file).size
  if (bytes % 4 !== 0) throw new Error(`${file}: ${bytes} bytes is not a whole number of int32 values`)
  return readInto(file, new Int32Array(bytes / 4))
}

/** Fill `target` with the file's bytes, which must be exactly as many. */
function readInto<T extends Float64Array | Int32Array | Uint8Array>(file: string, target: T): T {
  const bytes = new Uint8Array(target.buffer, target.byteOffset, target.byteLength)
  const fd = openSync(file, 'r')
  try {
    const size = fstatSync(fd).size
    if (size !== bytes.length) throw new Error(`${file}: ${size} bytes, expected ${bytes.length}`)
    let done = 0
    while (done < bytes.length) {
      const n = readSync(fd, bytes, done, bytes.length - done, done)
      if (n === 0) throw new Error(`${file}: unexpected end of file after ${done} bytes`)
      done += n
    }
  } finally {
    closeSync(fd)
  }
  return target
}
