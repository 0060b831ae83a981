import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { LEAF_SHAP_HEADER } from '../../src/explain/leaf-shap-kernel.js'
import { LEAF_SHAP_SOURCE_SHA256, LEAF_SHAP_WASM } from '../../src/explain/leaf-shap-wasm.js'
import { LEAF_SHAP_SOURCE } from '../../tools/wasm-build-config.js'

describe('the TreeSHAP WebAssembly module', () => {
  it('was built from the AssemblyScript source as it is now (after editing wasm/leaf-shap.ts, run npm run build:wasm)', () => {
    const source = readFileSync(new URL(`../../${LEAF_SHAP_SOURCE}`, import.meta.url))
    expect(createHash('sha256').update(source).digest('hex')).toBe(LEAF_SHAP_SOURCE_SHA256)
  })

  it('is a small valid module exporting shap() and importing only its memory', () => {
    const bytes = Buffer.from(LEAF_SHAP_WASM, 'base64')
    expect(bytes.length).toBeLessThan(4096)
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('\0asm')
    const memory = new WebAssembly.Memory({ initial: 1 })
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } })
    expect(typeof instance.exports.shap).toBe('function')
  })

  it("reads its header in the order the TypeScript side writes it (each field's offset in the source = 4 × its index)", () => {
    const source = readFileSync(new URL(`../../${LEAF_SHAP_SOURCE}`, import.meta.url), 'utf8')
    const offsets = new Map([...source.matchAll(/^const ([A-Z_]+) = (\d+)$/gm)].map((m) => [(m[1] as string).toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), Number(m[2])]))
    expect([...offsets.keys()]).toEqual([...LEAF_SHAP_HEADER])
    LEAF_SHAP_HEADER.forEach((name, i) => expect(offsets.get(name), name).toBe(4 * i))
  })
})
