/** A copy of `a` with at least twice its length (and at least `min`), for stacks and buffers of unknown final size. */
export function growTypedArray<T extends Int32Array | Float64Array>(a: T, min = 0): T {
  const next = new (a.constructor as new (n: number) => T)(Math.max(a.length * 2, min))
  next.set(a)
  return next
}
