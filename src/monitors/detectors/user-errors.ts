import type { RateDetector } from '../regression-detector.js'

/** 4xx responses: the request was refused (401 from a broken server counts here too). */
export const userErrors: RateDetector = {
  kind: 'rate',
  name: 'user_errors',
  title: 'Increase in user errors',
  metric: 'error_rate_4xx',
  description: 'Share of requests answered with a 4xx status (user errors, including 401/403 from a misbehaving server) rose in a combination.',
  classify: (event) => (event.status >= 400 && event.status < 500 ? 1 : 0),
}
