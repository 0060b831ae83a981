import type { RateDetector } from '../regression-detector.js'

/** 5xx responses: the service failed the request. */
export const systemErrors: RateDetector = {
  kind: 'rate',
  name: 'system_errors',
  title: 'Increase in system errors',
  metric: 'error_rate_5xx',
  description: 'Share of requests answered with a 5xx status (system errors) rose in a combination.',
  classify: (event) => (event.status >= 500 ? 1 : 0),
}
