/** '.000Z' … '.999Z' */
const MILLIS = Array.from({ length: 1000 }, (_, i) => `.${String(i).padStart(3, '0')}Z`)

/**
 * ISO 8601 UTC timestamps for increasing times, cheaply: the text up to the
 * second is cached and only the milliseconds change between most calls.
 */
export class IsoClock {
  private second = Number.NaN
  private prefix = ''

  /** `time` in epoch ms (fractional allowed; whole ms are written). */
  format(time: number): string {
    const ms = Math.floor(time)
    const second = Math.floor(ms / 1000)
    if (second !== this.second) {
      this.second = second
      this.prefix = new Date(second * 1000).toISOString().slice(0, 19)
    }
    return this.prefix + MILLIS[ms - second * 1000]!
  }
}
