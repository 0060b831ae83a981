import { DDSketch } from '@datadog/sketches-js'

/**
 * A DDSketch (Masson, Rim & Lee, "DDSketch: a fast and fully-mergeable
 * quantile sketch with relative-error guarantees", VLDB 2019) as plain JSON,
 * exactly: the bin counts per key, not values, so nothing is rounded twice.
 *
 * The package's own `toProto` needs `protobufjs`, which it does not declare as
 * a dependency (it throws "Cannot find module 'protobufjs/minimal'"), and
 * protobuf bytes are not plain JSON anyway; this reads the public bin stores.
 * Only sketches built with `new DDSketch({ relativeAccuracy })` (the
 * logarithmic mapping) round-trip.
 */
export interface SketchJSON {
  /** Relative accuracy of the logarithmic mapping (e.g. 0.01). */
  readonly relativeAccuracy: number
  /** Total weight of the sketch. */
  readonly count: number
  /** Sum of the values added. */
  readonly sum: number
  /** null when the sketch is empty (JSON has no Infinity). */
  readonly min: number | null
  /** Largest value added, null when empty. */
  readonly max: number | null
  /** Weight of values too close to 0 for a bin. */
  readonly zeroCount: number
  /** Bins of positive values: counts[i] is the weight of key minKey + i. */
  readonly positive: SketchBinsJSON
  /** Bins of negative values (by the key of their magnitude). */
  readonly negative: SketchBinsJSON
}

/** The bins of one store, contiguous from `minKey`. */
export interface SketchBinsJSON {
  /** Key of the first bin. */
  readonly minKey: number
  /** Weights of consecutive keys from minKey. */
  readonly counts: readonly number[]
}

interface Store {
  /** Weights by key − offset. */
  readonly bins: number[]
  /** Total weight of the sketch. */
  readonly count: number
  /** Key of the first bin. */
  readonly minKey: number
  /** Largest key with weight. */
  readonly maxKey: number
  /** Key of bins[0]. */
  readonly offset: number
  add(key: number, weight?: number): void
}

/** The sketch as plain JSON (bins, count, sum, min, max). */
export function sketchToJSON(sketch: DDSketch): SketchJSON {
  const empty = sketch.count === 0
  return {
    relativeAccuracy: sketch.mapping.relativeAccuracy,
    count: sketch.count,
    sum: sketch.sum,
    min: empty ? null : sketch.min,
    max: empty ? null : sketch.max,
    zeroCount: sketch.zeroCount,
    positive: binsToJSON(sketch.store),
    negative: binsToJSON(sketch.negativeStore),
  }
}

/** Rebuild a sketch from {@link sketchToJSON}'s output: same bins, same quantiles. */
export function sketchFromJSON(json: SketchJSON): DDSketch {
  if (!(json.relativeAccuracy > 0 && json.relativeAccuracy < 1)) {
    throw new RangeError(`relativeAccuracy must be in (0, 1), got ${json.relativeAccuracy}`)
  }
  const sketch = new DDSketch({ relativeAccuracy: json.relativeAccuracy })
  binsFromJSON(json.positive, sketch.store)
  binsFromJSON(json.negative, sketch.negativeStore)
  sketch.zeroCount = json.zeroCount
  sketch.count = json.count
  sketch.sum = json.sum
  sketch.min = json.min ?? Infinity
  sketch.max = json.max ?? -Infinity
  return sketch
}

/** The weight in the bin of `key` (0 outside the store's range). */
export function binCount(store: Store, key: number): number {
  if (store.count === 0 || key < store.minKey || key > store.maxKey) return 0
  return store.bins[key - store.offset] ?? 0
}

function binsToJSON(store: Store): SketchBinsJSON {
  if (store.count === 0) return { minKey: 0, counts: [] }
  const counts: number[] = []
  for (let key = store.minKey; key <= store.maxKey; key++) counts.push(binCount(store, key))
  return { minKey: store.minKey, counts }
}

function binsFromJSON(json: SketchBinsJSON, store: Store): void {
  for (let i = 0; i < json.counts.length; i++) {
    const weight = json.counts[i]
    if (!(weight >= 0)) throw new RangeError(`bin ${json.minKey + i} has weight ${weight}, expected >= 0`)
    if (weight > 0) store.add(json.minKey + i, weight)
  }
}
