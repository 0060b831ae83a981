import type { PipelineSpec } from './pipeline-spec.js'

/** The feature spec of versions trained before the pipeline existed: numeric columns with median imputation. */
export interface LegacyFeatureSpec {
  readonly kind: 'numeric'
  readonly version: 1
  readonly columns: readonly string[]
  readonly medians: readonly number[]
}

/** Read any stored feature spec as a pipeline spec, so older versions keep predicting unchanged. */
export function upgradeSpec(spec: PipelineSpec | LegacyFeatureSpec): PipelineSpec {
  if (spec.kind === 'pipeline') return spec
  return {
    kind: 'pipeline',
    version: 2,
    inputs: spec.columns.map((name) => ({ name, kind: 'numeric' })),
    timestamp_column: null,
    series_column: null,
    outputs: spec.columns.map((name) => ({ op: 'numeric', name, source: name })),
    field_aliases: {},
    fill: [...spec.medians],
    scale: null,
    history_length: 0,
    tails: [],
    selection: [],
    // versions from before the pipeline kept no distributions: explanations fall back to the score alone
    stats: [],
    categories: {},
  }
}
