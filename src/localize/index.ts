/**
 * Offline root-cause localisation: which combinations of dimension values
 * explain a deviation at one time point. No Fastify here; POST /localize and
 * the benchmark call `readLeaves` then `localize`.
 */
export { type MeasureKind, inferMeasureKind, COUNT_FIELDS, RATE_FIELDS, MEASURE_FIELDS } from './measure-fields.js'
export type { LeafTable, LeafMeasure, CountMeasure, RateMeasure } from './leaf-table.js'
export { type ReadLeavesOptions, MAX_LEAVES, MAX_DIMENSIONS, readLeaves } from './read-leaves.js'
export { type LeafEvidence, leafEvidence } from './leaf-evidence.js'
export { type Cuboid, buildCuboids } from './cuboids.js'
export { MAX_SEARCH_CELLS, searchDepth, cuboidCount } from './search-depth.js'
export { type RootCause, describeElement } from './root-cause.js'
export { type LocalizeOptions, type Localization, type LocalizationStats, DEFAULT_LOCALIZE, localize } from './localize.js'
export { localizeRows } from './localize-rows.js'
