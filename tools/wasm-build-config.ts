/** How src/explain/leaf-shap-wasm.ts is built from its AssemblyScript source (shared by the build script and its test). */
export const LEAF_SHAP_SOURCE = 'wasm/leaf-shap.ts'
export const LEAF_SHAP_WASM_MODULE = 'src/explain/leaf-shap-wasm.ts'
export const ASC_PACKAGE = 'assemblyscript@0.28.20'
export const ASC_ARGS = ['-O3', '--noAssert', '--importMemory', '--runtime', 'stub'] as const
