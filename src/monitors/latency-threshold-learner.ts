/** Latencies a monitor collects before it fixes its slow-request threshold. */
export const LATENCY_WARMUP = 2000

/**
 * Learns the monitor's baseline 90th percentile of latency from its first
 * LATENCY_WARMUP requests with a latency, then keeps it fixed, so every
 * combination's share of slow requests is measured against one stable line.
 */
export class LatencyThresholdLearner {
  private samples: number[] = []
  p90 = Number.NaN

  constructor(known?: number) {
    if (known !== undefined && Number.isFinite(known)) this.p90 = known
  }

  add(latency: number): void {
    if (!Number.isNaN(this.p90) || Number.isNaN(latency)) return
    this.samples.push(latency)
    if (this.samples.length >= LATENCY_WARMUP) {
      this.samples.sort((a, b) => a - b)
      this.p90 = this.samples[Math.floor(0.9 * (this.samples.length - 1))] as number
      this.samples = []
    }
  }
}
