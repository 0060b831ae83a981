/**
 * The part of the WebAssembly JavaScript API that Vigil uses. Node has it as a
 * global, but neither @types/node 20 nor TypeScript's ES libraries declare it
 * (only lib.dom does).
 */
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array)
  }
  class Memory {
    constructor(descriptor: { initial: number; maximum?: number })
    readonly buffer: ArrayBuffer
  }
  class Instance {
    constructor(module: Module, imports: Record<string, Record<string, Memory | ((...args: number[]) => unknown)>>)
    readonly exports: Record<string, unknown>
  }
}
