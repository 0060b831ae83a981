/**
 * The 11 services that write logs. 004 names the first four in its
 * `service_sources`; the other seven are the services a retail bank's log
 * stream also carries (004 says "11 different banking services").
 */
export const SERVICE_NAMES = [
  'api-gateway',
  'transaction-service',
  'auth-service',
  'fraud-detection-service',
  'account-service',
  'payment-service',
  'customer-data-service',
  'notification-service',
  'database-service',
  'cache-service',
  'file-storage-service',
] as const

export type ServiceName = (typeof SERVICE_NAMES)[number]

/** 004's log levels, plus CRITICAL for security events that page someone. */
export const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR', 'CRITICAL'] as const

export type LogLevel = (typeof LOG_LEVELS)[number]

/** The level a service writes for an HTTP-like status. */
export function levelFor(status: number): LogLevel {
  if (status >= 500) return 'ERROR'
  if (status >= 400) return 'WARN'
  return 'INFO'
}
