import type { CountDetector } from '../regression-detector.js'

/** Requests per minute against the combination's usual share of all traffic (and the daily and weekly rhythm at the top). */
export const traffic: CountDetector = {
  kind: 'count',
  name: 'traffic',
  title: { increase: 'Increase in traffic', decrease: 'Drop in traffic' },
  metric: 'requests_per_minute',
  description: 'Requests per minute in a combination dropped (down to an outage) or spiked against what its usual share of the traffic predicts.',
}
