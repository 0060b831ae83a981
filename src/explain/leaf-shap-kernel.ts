import { LEAF_SHAP_WASM } from './leaf-shap-wasm.js'

/** Byte offsets into the kernel's memory of everything one leaf-table model needs (see `leafTableLayout`). */
export interface LeafShapPointers {
  readonly leafStart: number
  readonly leafTable: number
  readonly leafValue: number
  readonly pathFeature: number
  readonly pathLo: number
  readonly pathHi: number
  readonly pathZero: number
  readonly pathRatio: number
  readonly table: number
  readonly weights: number
  readonly poly: number
  readonly x: number
  readonly phi: number
}

/** Add the SHAP values of the row at `x` (in memory) into `phi` (in memory), over `leaves` leaves. */
export type LeafShapKernel = (leaves: number, stride: number) => void

let compiled: WebAssembly.Module | undefined

/**
 * The WebAssembly TreeSHAP kernel (wasm/leaf-shap.ts) bound to one model's
 * memory: the module is compiled once per process (under 1 KB), each model
 * gets its own instance over its own memory, freed with the model.
 */
export function leafShapKernel(memory: WebAssembly.Memory, p: LeafShapPointers): LeafShapKernel {
  compiled ??= new WebAssembly.Module(Buffer.from(LEAF_SHAP_WASM, 'base64'))
  const instance = new WebAssembly.Instance(compiled, { env: { memory } })
  const shap = instance.exports.shap
  if (typeof shap !== 'function') throw new Error('the TreeSHAP WebAssembly module does not export shap()')
  const run = shap as (...args: number[]) => void
  return (leaves, stride) =>
    run(leaves, p.leafStart, p.leafTable, p.leafValue, p.pathFeature, p.pathLo, p.pathHi, p.pathZero, p.pathRatio, p.table, p.weights, stride, p.poly, p.x, p.phi)
}
