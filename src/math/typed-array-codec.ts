/**
 * Typed arrays inside plain JSON: stored as base64 of their little-endian
 * bytes, so a model file is exact (no decimal round trip), compact, and
 * loading it is parsing data, never running code.
 */

export type DType = 'float64' | 'int32' | 'uint8'

export interface EncodedArray {
  readonly dtype: DType
  readonly length: number
  readonly base64: string
}

type ArrayFor<D extends DType> = D extends 'float64' ? Float64Array : D extends 'int32' ? Int32Array : Uint8Array

const BYTES: Record<DType, number> = { float64: 8, int32: 4, uint8: 1 }

export function encodeArray(array: Float64Array | Int32Array | Uint8Array): EncodedArray {
  const dtype: DType = array instanceof Float64Array ? 'float64' : array instanceof Int32Array ? 'int32' : 'uint8'
  const bytes = Buffer.from(array.buffer, array.byteOffset, array.byteLength)
  return { dtype, length: array.length, base64: bytes.toString('base64') }
}

export function decodeArray<D extends DType>(encoded: EncodedArray, dtype: D): ArrayFor<D> {
  if (encoded.dtype !== dtype) {
    throw new TypeError(`stored array has dtype '${encoded.dtype}', expected '${dtype}'`)
  }
  const bytes = Buffer.from(encoded.base64, 'base64')
  if (bytes.length !== encoded.length * BYTES[dtype]) {
    throw new RangeError(`stored ${dtype} array has ${bytes.length} bytes, expected ${encoded.length * BYTES[dtype]}`)
  }
  // copy into a fresh, aligned buffer (Buffer slices may be unaligned)
  const aligned = new ArrayBuffer(bytes.length)
  new Uint8Array(aligned).set(bytes)
  const out = dtype === 'float64' ? new Float64Array(aligned) : dtype === 'int32' ? new Int32Array(aligned) : new Uint8Array(aligned)
  return out as ArrayFor<D>
}
