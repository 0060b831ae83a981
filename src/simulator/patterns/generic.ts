import type { Draft, DraftKind, MeasuredMetric } from '../draft.js'
import { hostingIp } from '../network.js'
import { intBetween, logNormal, pick, round, uuid } from '../sample.js'
import type { ServiceName } from '../services.js'
import { latency } from '../traffic/latency.js'
import { makeDraft, planted } from '../traffic/make-draft.js'
import { customerSession, type Session } from '../traffic/session.js'
import type { Pattern } from './pattern.js'
import { spread } from './helpers.js'

const KIND: Partial<Record<ServiceName, DraftKind>> = {
  'customer-data-service': 'pii',
  'file-storage-service': 'file',
  'database-service': 'query',
  'notification-service': 'notify',
  'account-service': 'account',
}

/**
 * A scenario shaped by its config alone: ordinary-looking rows of the named
 * services, from one customer, one address or many, with the measured
 * metrics, status, level and message changed as the `generic` block says.
 */
export const generic: Pattern = {
  id: 'generic',
  traces: 'whatever its config says: rows of source_services with the listed metrics multiplied or set, from one user, one IP or many',
  plan(ctx) {
    const { rng, scenario } = ctx
    const g = scenario.generic
    const [min, max] = g.rows
    const shared: Session = customerSession(rng, ctx.population)
    const attackerIp = hostingIp(rng)
    return spread(rng, ctx.start, intBetween(rng, min, max), g.duration_seconds * 1000).map((time): Draft => {
      const s = g.actor === 'many' ? customerSession(rng, ctx.population) : shared
      const ip = g.actor === 'one_ip' ? attackerIp : s.ip
      const service = pick(rng, scenario.source_services)
      const measured: Partial<Record<MeasuredMetric, number>> = { response_time_ms: latency(rng, service), bytes_transferred: logNormal(rng, 1500, 0.5) }
      for (const [name, change] of Object.entries(g.metrics)) {
        if (!change) continue
        const metric = name as MeasuredMetric
        const base = measured[metric] ?? 0
        measured[metric] = round(change.set ?? base * (change.multiply ?? 1), 4)
      }
      const status = g.status_code ?? 200
      const message = (g.message ?? `${scenario.name} on ${service}`).replaceAll('{user}', s.customer.id).replaceAll('{ip}', ip).replaceAll('{service}', service)
      return planted(
        makeDraft({ time, service, kind: KIND[service] ?? 'http', message, ...(g.log_level ? { level: g.log_level } : {}), userId: s.customer.id, ip, geo: s.geo, correlationId: uuid(rng), responseMs: measured.response_time_ms ?? 0, bytes: measured.bytes_transferred ?? 0, status, measured }),
        0.8,
      )
    })
  },
}
