import type { Identity } from '../privacy/pseudonymiser.js'

/** Bits of `Actor.flags`: what the request did, as the entity detectors need it. */
export const ACTOR_CARD_OPERATION = 1
export const ACTOR_VALIDATION_FAILED = 2
export const ACTOR_COSTLY = 4
export const ACTOR_MALFORMED = 8

/**
 * Who sent a request and what it did, for the entity detectors: the
 * entities' identities (pseudonyms for personal fields) and a few flags.
 * Built once per event at ingest, after pseudonymisation; raw values never
 * reach it.
 */
export interface Actor {
  readonly user: Identity | undefined
  readonly ip: Identity | undefined
  readonly cardHolder: Identity | undefined
  /** The card's token (a fingerprint, never a number): distinct cards per entity are counted on it. */
  readonly card: Identity | undefined
  readonly flags: number
}
