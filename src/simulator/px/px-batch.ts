import { PX_DIMENSIONS } from './dimensions.js'

/**
 * A run of simulated requests in event-time order, column by column (no
 * object per event): what the generator produces and the encoders read.
 */
export interface PxBatch {
  readonly length: number
  /** Event time, epoch ms (fractional; encoders write whole ms). */
  readonly time: Float64Array
  /** Dimension value indices, 7 per event in `PX_DIMENSIONS` order (`dims[i * 7 + d]`). */
  readonly dims: Uint16Array
  /** HTTP status code. */
  readonly status: Uint16Array
  /** Whole milliseconds, at least 1. */
  readonly latency: Uint32Array
  /** User index (see `Population`); -1 when the run has no users. */
  readonly user: Int32Array
  /** Address index (see `Population`); -1 when the run has no users. */
  readonly ip: Int32Array
  /** Card key (see `Population.fingerprint`); read only on add_pi and edit_pi. */
  readonly card: Uint32Array
  /** Card-holder name index (see `holderName`); read only on add_pi and edit_pi. */
  readonly holder: Int32Array
  /** 1 when the request is malformed. */
  readonly malformed: Uint8Array
  /** Index (into the labels) of the regression that shaped the event; -1 for ordinary traffic. */
  readonly regression: Int16Array
  /** Index (into the attack labels) of the attack that sent the event; -1 for everything else. */
  readonly attack: Int16Array
}

/** Width of a batch's dimension rows. */
export const STRIDE = PX_DIMENSIONS.length

/** Empty columns for up to `capacity` events. */
export function allocateBatch(capacity: number): PxBatch {
  return {
    length: 0,
    time: new Float64Array(capacity),
    dims: new Uint16Array(capacity * STRIDE),
    status: new Uint16Array(capacity),
    latency: new Uint32Array(capacity),
    user: new Int32Array(capacity),
    ip: new Int32Array(capacity),
    card: new Uint32Array(capacity),
    holder: new Int32Array(capacity),
    malformed: new Uint8Array(capacity),
    regression: new Int16Array(capacity),
    attack: new Int16Array(capacity),
  }
}

/** The first `length` events of `batch`, as views (no copy). */
export function trimBatch(batch: PxBatch, length: number): PxBatch {
  if (length === batch.time.length) return { ...batch, length }
  return {
    length,
    time: batch.time.subarray(0, length),
    dims: batch.dims.subarray(0, length * STRIDE),
    status: batch.status.subarray(0, length),
    latency: batch.latency.subarray(0, length),
    user: batch.user.subarray(0, length),
    ip: batch.ip.subarray(0, length),
    card: batch.card.subarray(0, length),
    holder: batch.holder.subarray(0, length),
    malformed: batch.malformed.subarray(0, length),
    regression: batch.regression.subarray(0, length),
    attack: batch.attack.subarray(0, length),
  }
}
