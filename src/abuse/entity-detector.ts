import type { Actor } from './actor.js'

/** The entity fields a detector follows (each names one of the monitor's `entities.*_field`). */
export type EntityKind = 'user' | 'ip' | 'card_holder'

/** Outcome of one request for one detector: -1 says nothing (not counted), 0 counts as a request, 1 as a suspect request. */
export type EntityOutcome = -1 | 0 | 1

/**
 * An abuse type, as a plugin: which requests count and which of them are
 * suspect. The abuse engine does the rest for every detector alike: decaying
 * counts per entity, the population's and the entity's own baselines, the
 * tests, incidents and evidence (docs/abuse.md). A new abuse type is one of
 * these objects, registered in the entity detector registry.
 */
export interface EntityDetector {
  readonly kind: 'entity'
  /** Registry name, also the incident type (e.g. card_testing). */
  readonly name: string
  /** Incident title phrase, e.g. 'Card testing' (no "increase in": an entity's abuse has no direction). */
  readonly title: string
  /** What the evidence counts, e.g. 'failed_new_cards'. */
  readonly metric: string
  readonly description: string
  /** Entity fields it follows. */
  readonly entities: readonly EntityKind[]
  /** `novelCard`: the request's card is not among the entity's few most recent cards (true without a card). */
  classify(actor: Actor, status: number, novelCard: boolean): EntityOutcome
}
