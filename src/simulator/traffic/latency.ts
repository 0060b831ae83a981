import type { Rng } from '../../math/random.js'
import type { ServiceName } from '../services.js'
import { logNormal } from '../sample.js'

/** Median response time (ms) and log-scale spread of each service's ordinary work. */
const LATENCY: Record<ServiceName, readonly [number, number]> = {
  'api-gateway': [45, 0.5],
  'transaction-service': [180, 0.45],
  'auth-service': [120, 0.35],
  'fraud-detection-service': [60, 0.4],
  'account-service': [35, 0.45],
  'payment-service': [250, 0.4],
  'customer-data-service': [40, 0.5],
  'notification-service': [300, 0.6],
  'database-service': [8, 0.8],
  'cache-service': [1.2, 0.4],
  'file-storage-service': [150, 0.7],
}

/** An ordinary response time for `service`, times `slowdown`. */
export function latency(rng: Rng, service: ServiceName, slowdown = 1): number {
  const [median, sigma] = LATENCY[service]
  return logNormal(rng, median * slowdown, sigma)
}
