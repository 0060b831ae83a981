/** Progress lines on stderr, each stamped with the time elapsed since the run started. */

export type Progress = (message: string) => void

export function createProgress(startedAt: number = performance.now()): Progress {
  return (message) => {
    process.stderr.write(`[${clock(performance.now() - startedAt)}] ${message}\n`)
  }
}

/** A progress logger whose lines start with `prefix`. */
export const withPrefix = (progress: Progress, prefix: string): Progress => (message) => progress(`${prefix}${message}`)

/** h:mm:ss */
function clock(ms: number): string {
  const s = Math.floor(ms / 1000)
  const two = (n: number): string => String(n).padStart(2, '0')
  return `${Math.floor(s / 3600)}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`
}

/** A duration for people: "850 µs", "4.12 ms", "2.3 s", "6 min 12 s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms)
  if (ms < 1) return `${(ms * 1000).toFixed(0)} µs`
  if (ms < 1000) return `${ms < 10 ? ms.toFixed(2) : ms.toFixed(0)} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`
  const s = Math.round(ms / 1000)
  return `${Math.floor(s / 60)} min${s % 60 === 0 ? '' : ` ${s % 60} s`}`
}
