/**
 * The seven dimensions of a PX request (003 §1.1), in the order the
 * simulator stores them. Every event carries one value of each.
 */
export const PX_DIMENSIONS = ['partner', 'country', 'operation', 'pi_type', 'flight', 'region', 'instance'] as const

/** One of the seven dimension names. */
export type PxDimension = (typeof PX_DIMENSIONS)[number]

/** Position of each dimension in {@link PX_DIMENSIONS} (and in a batch's dimension columns). */
export const DIM = {
  partner: 0,
  country: 1,
  operation: 2,
  pi_type: 3,
  flight: 4,
  region: 5,
  instance: 6,
} as const satisfies Record<PxDimension, number>

/** A partial combination of dimension values, e.g. `{ operation: 'edit_pi', country: 'CA' }`. */
export type PxDimensions = Partial<Record<PxDimension, string>>
