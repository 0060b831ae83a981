import type { RateDetector } from '../regression-detector.js'

/**
 * Latency as a share: a request is an event when it is slower than the
 * monitor's baseline 90th percentile. Each combination is tested against its
 * own baseline share (a slow operation may normally have 40% above it, a fast
 * one 2%), so one threshold serves every combination and latency reuses the
 * error-rate machinery (the guide's "share above the baseline p95" idea).
 */
export const latency: RateDetector = {
  kind: 'rate',
  name: 'latency',
  title: 'Increase in latency',
  metric: 'share_above_baseline_p90',
  description: "Share of requests slower than the monitor's baseline 90th percentile of latency rose in a combination.",
  classify: (event, context) => {
    if (Number.isNaN(event.latency) || Number.isNaN(context.latencyP90)) return -1
    return event.latency > context.latencyP90 ? 1 : 0
  },
}
