/** The three kinds of malicious activity of 003 §2. */
export const ATTACK_TYPES = ['card_testing', 'ddos', 'fuzzing'] as const
export type AttackType = (typeof ATTACK_TYPES)[number]

/** The event field an attack (or a heavy user) is keyed on: who a detector should name. */
export const ENTITY_FIELDS = ['user_id', 'ip', 'card_holder_name'] as const
export type EntityField = (typeof ENTITY_FIELDS)[number]

/**
 * The ground truth of one attack: which entity does what, when. Events of
 * the attack carry `attack: id` when labels are on.
 */
export interface AttackLabel {
  /** `card_testing-1`, `ddos-2`, … */
  readonly id: string
  readonly type: AttackType
  readonly entity_field: EntityField
  /** The raw value of that field on every event of the attack (a user id, an address, a name). */
  readonly entity_value: string
  /** ISO 8601 UTC, event time; the attack sends on [start, end). */
  readonly start: string
  readonly end: string
  readonly requests_per_minute: number
  /** Requests expected over the window (the attack's own; the entity's ordinary traffic, if any, comes on top). */
  readonly expected_requests: number
  /** Operations the attack calls. */
  readonly operations: string[]
  /** card_testing: share of its add_pi failing bank validation; fuzzing: share answered 4xx. */
  readonly failure_rate: number
  readonly description: string
}

/** Kinds of benign heavy traffic a detector must not flag. */
export const BENIGN_KINDS = ['batch_job', 'corporate_ip'] as const
export type BenignKind = (typeof BENIGN_KINDS)[number]

/**
 * The ground truth of one benign heavy entity: busy, but behaving. A
 * detector that names it is wrong.
 */
export interface BenignHeavyLabel {
  /** `batch_job-1`, `corporate_ip-1`, … */
  readonly id: string
  readonly kind: BenignKind
  readonly entity_field: 'user_id' | 'ip'
  readonly entity_value: string
  /** Mean rate over the run (a corporate address follows the daily rhythm around it). */
  readonly requests_per_minute: number
  readonly expected_requests: number
  /** corporate_ip: distinct users behind the address; batch_job: 1. */
  readonly users: number
  readonly description: string
}
