import { InvalidInputError } from '../errors.js'
import type { MonitorConfig } from '../monitors/monitor-config.js'

/**
 * Personal fields the engine could not run with: the event time, status and
 * latency must stay readable (a pseudonym is not a time or a number), so none
 * of them may be marked personal.
 */
export function checkPrivacyConfig(config: MonitorConfig, source: string): void {
  const structural = [config.timestamp_field, config.status_field, config.latency_field]
  for (const [i, field] of config.personal_fields.entries()) {
    if (structural.includes(field)) {
      throw new InvalidInputError(
        `${source}.personal_fields[${i}] '${field}' is the monitor's time, status or latency field, which detection must read as it is; allowed: any other field`,
        { field: `${source}.personal_fields`, value: field, limit: `not one of ${structural.join(', ')}` },
      )
    }
  }
  const e = config.entities
  for (const op of e.card_operations) {
    if (e.costly_operations.includes(op)) {
      throw new InvalidInputError(`${source}.entities.costly_operations and card_operations both name '${op}'; an operation is one or the other`, {
        field: `${source}.entities.costly_operations`,
        value: op,
        limit: 'disjoint from entities.card_operations',
      })
    }
  }
}
