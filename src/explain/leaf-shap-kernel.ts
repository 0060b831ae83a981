import { LEAF_SHAP_WASM } from './leaf-shap-wasm.js'

/**
 * The kernel's header, in order: one i32 each, a count or a byte offset into
 * its memory (the same order as the offsets in wasm/leaf-shap.ts).
 */
export const LEAF_SHAP_HEADER = [
  'trees',
  'treeLeafStart',
  'treeNodeStart',
  'treeByBits',
  'nodeFeature',
  'nodeThreshold',
  'leafStart',
  'leafTable',
  'leafValue',
  'pathFeature',
  'pathLo',
  'pathHi',
  'pathNeed',
  'pathWant',
  'pathZero',
  'pathRatio',
  'table',
  'weights',
  'stride',
  'poly',
  'x',
  'phi',
] as const

export type LeafShapHeader = Record<(typeof LEAF_SHAP_HEADER)[number], number>

let compiled: WebAssembly.Module | undefined

/**
 * The WebAssembly TreeSHAP kernel (wasm/leaf-shap.ts) over one model's
 * memory, whose header starts at byte `header`: the module is compiled once
 * per process (about 1 KB), each model gets its own instance over its own
 * memory, freed with the model. Calling it adds the SHAP values of the row in
 * memory to the values in memory.
 */
export function leafShapKernel(memory: WebAssembly.Memory, header: number): () => void {
  compiled ??= new WebAssembly.Module(Buffer.from(LEAF_SHAP_WASM, 'base64'))
  const instance = new WebAssembly.Instance(compiled, { env: { memory } })
  const shap = instance.exports.shap
  if (typeof shap !== 'function') throw new Error('the TreeSHAP WebAssembly module does not export shap()')
  const run = shap as (header: number) => void
  return () => run(header)
}
