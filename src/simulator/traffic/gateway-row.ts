import type { Draft } from '../draft.js'
import { logNormal } from '../sample.js'
import { latency } from './latency.js'
import { makeDraft } from './make-draft.js'
import type { RequestContext } from './request-context.js'
import type { Session } from './session.js'

/** A gateway row for a request served by `service` (the gateway logs when the answer leaves). */
export function gateway(ctx: RequestContext, s: Session, time: number, route: string, status: number, downstreamMs: number, cid: string): Draft {
  const ms = downstreamMs + latency(ctx.rng, 'api-gateway', 0.3)
  return makeDraft({
    time: time + ms,
    service: 'api-gateway',
    kind: 'http',
    message: `${route} ${status} (${Math.round(ms)} ms)`,
    userId: s.customer.id,
    ip: s.ip,
    geo: s.geo,
    correlationId: cid,
    responseMs: ms,
    bytes: logNormal(ctx.rng, 2500, 0.6),
    status,
    device: s.device,
  })
}
