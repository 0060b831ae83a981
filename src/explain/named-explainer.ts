import type { NamedExplainer } from '../detectors/types.js'
import type { Matrix } from '../math/matrix.js'

/** `explain` with a `method` read through `method()` on access, so the method can be decided on the first explanation. */
export function namedExplainer(explain: (X: Matrix, row: number) => Float64Array, method: () => string): NamedExplainer {
  return Object.defineProperty(explain, 'method', { get: method, enumerable: true }) as typeof explain & { readonly method: string }
}

/** The method a plugin's `explain` names, if it names one. */
export function explainerMethod(explain: unknown): string | undefined {
  return typeof explain === 'function' && 'method' in explain && typeof explain.method === 'string' ? explain.method : undefined
}
