import type { Draft } from '../draft.js'
import { pickWeighted } from '../sample.js'
import { balance, profile, settings } from './account-requests.js'
import { login } from './login-requests.js'
import { cardPayment, transfer } from './payment-requests.js'
import { gatewayMisc, notification, partnerExport, slowQuery, statement, supportLookup, tokenRefresh } from './other-requests.js'
import type { RequestBuilder, RequestContext } from './request-context.js'

interface RequestType {
  readonly name: string
  /** Relative frequency among requests. */
  readonly weight: number
  /** Mean rows one request writes. */
  readonly rows: number
  readonly build: RequestBuilder
}

/** What customers, staff and batch jobs do, and how often. */
const REQUEST_MIX: readonly RequestType[] = [
  { name: 'login', weight: 14, rows: 2.08, build: login },
  { name: 'balance', weight: 18, rows: 2, build: balance },
  { name: 'transfer', weight: 7, rows: 3, build: transfer },
  { name: 'card_payment', weight: 9, rows: 1.4, build: cardPayment },
  { name: 'profile', weight: 5, rows: 2, build: profile },
  { name: 'settings', weight: 2, rows: 2, build: settings },
  { name: 'statement', weight: 3, rows: 2, build: statement },
  { name: 'token_refresh', weight: 6, rows: 1, build: tokenRefresh },
  { name: 'notification', weight: 8, rows: 1, build: notification },
  { name: 'support_lookup', weight: 3, rows: 1, build: supportLookup },
  { name: 'partner_export', weight: 0.15, rows: 1, build: partnerExport },
  { name: 'slow_query', weight: 1.5, rows: 1, build: slowQuery },
  { name: 'gateway_misc', weight: 5, rows: 1, build: gatewayMisc },
]

/** Mean rows per request over the mix: turns a row rate into a request rate. */
export const ROWS_PER_REQUEST = REQUEST_MIX.reduce((s, r) => s + r.weight * r.rows, 0) / REQUEST_MIX.reduce((s, r) => s + r.weight, 0)

/** The rows of one ordinary request starting at `time`. */
export function ordinaryRequest(ctx: RequestContext, time: number): Draft[] {
  return pickWeighted(ctx.rng, REQUEST_MIX, (r) => r.weight).build(ctx, time)
}
