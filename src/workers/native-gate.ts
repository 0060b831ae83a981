/**
 * A worker thread may be terminated at any point of its JavaScript, but not
 * while a DuckDB call is in flight: the native add-on aborts the whole process
 * when a query completes into a torn-down thread. One shared Int32 says where
 * the worker is; the pool terminates only after moving it from JS to STOP, and
 * the worker never enters DuckDB once it reads STOP.
 */
const JS = 0
const NATIVE = 1
const STOP = 2

export function createGate(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT))
}

/** Worker side: claim the gate before a DuckDB call; throws if the pool is stopping this worker. */
export function enterNative(gate: Int32Array): void {
  if (Atomics.compareExchange(gate, 0, JS, NATIVE) !== JS) throw new Error('this worker is being stopped')
}

/** Worker side: the DuckDB call returned. */
export function leaveNative(gate: Int32Array): void {
  Atomics.compareExchange(gate, 0, NATIVE, JS)
}

/** Pool side: true when the worker is in plain JavaScript and may now be terminated (it can no longer enter DuckDB). */
export function requestStop(gate: Int32Array): boolean {
  const was = Atomics.compareExchange(gate, 0, JS, STOP)
  return was === JS || was === STOP
}
