import type { MonitorConfig } from '../monitors/monitor-config.js'
import { personalText } from '../privacy/personal-value.js'
import type { Identity, Pseudonymiser } from '../privacy/pseudonymiser.js'
import { ACTOR_CARD_OPERATION, ACTOR_COSTLY, ACTOR_MALFORMED, ACTOR_VALIDATION_FAILED, type Actor } from './actor.js'

/** Rewrites a raw event in place (personal fields become pseudonyms) and returns its actor, or an error text. */
export type EventPreparer = (record: Record<string, unknown>) => Actor | string | undefined

/**
 * The ingest step before anything else sees an event: every personal field
 * (the monitor's personal_fields) is replaced by its pseudonym in the event
 * itself, so dimensions, aggregates, incidents and error messages only ever
 * hold pseudonyms; then the entity fields are read into an Actor.
 */
export function createEventPreparer(config: MonitorConfig, pseudonymiser: Pseudonymiser): EventPreparer {
  const e = config.entities
  const personal = new Set(config.personal_fields)
  const entityFields = [e.user_field, e.ip_field, e.card_holder_field, e.card_fingerprint_field]
  const otherPersonal = config.personal_fields.filter((f) => !entityFields.includes(f))
  const costly = new Set(e.costly_operations)
  const cardOperations = new Set(e.card_operations)
  const failed = new Set(e.validation_failed_values)

  const identity = (record: Record<string, unknown>, field: string): Identity | undefined | string => {
    const isPersonal = personal.has(field)
    const text = personalText(record, field, isPersonal)
    if (text === undefined) return undefined
    if (typeof text !== 'string') return text.error
    if (!isPersonal) return pseudonymiser.keyed(text)
    const id = pseudonymiser.of(text)
    record[field] = id.text
    return id
  }

  return (record) => {
    const user = identity(record, e.user_field)
    if (typeof user === 'string') return user
    const ip = identity(record, e.ip_field)
    if (typeof ip === 'string') return ip
    const cardHolder = identity(record, e.card_holder_field)
    if (typeof cardHolder === 'string') return cardHolder
    const card = identity(record, e.card_fingerprint_field)
    if (typeof card === 'string') return card
    for (const field of otherPersonal) {
      const text = personalText(record, field, true)
      if (text === undefined) continue
      if (typeof text !== 'string') return text.error
      record[field] = pseudonymiser.of(text).text
    }
    if (user === undefined && ip === undefined && cardHolder === undefined) return undefined
    let flags = 0
    const operation = record[e.operation_field]
    if (typeof operation === 'string') {
      if (cardOperations.has(operation)) flags |= ACTOR_CARD_OPERATION
      if (costly.has(operation)) flags |= ACTOR_COSTLY
    }
    const validation = record[e.validation_field]
    if (typeof validation === 'string' && failed.has(validation)) flags |= ACTOR_VALIDATION_FAILED
    const malformed = record[e.malformed_field]
    if (malformed === true || malformed === 'true') flags |= ACTOR_MALFORMED
    return { user, ip, cardHolder, card, flags }
  }
}
