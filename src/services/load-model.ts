import type { Calibration } from '../detectors/calibration.js'
import type { Fitted } from '../detectors/types.js'
import { UnsupportedError } from '../errors.js'
import type { PipelineSpec } from '../features/pipeline-spec.js'
import { upgradeSpec } from '../features/upgrade-spec.js'
import type { VersionRecord } from '../store/model-records.js'
import type { Services } from './services.js'

/** A version ready to score: its record, calibration, feature spec and rebuilt model. */
export interface LoadedModel {
  readonly record: VersionRecord
  readonly calibration: Calibration
  readonly featureSpec: PipelineSpec
  readonly fitted: Fitted<unknown>
}

export interface LoadResult {
  readonly model: LoadedModel
  readonly cached: boolean
  readonly loadTimeMs: number
}

/** Load a version through the in-memory LRU cache; the stored kind and state version are checked first. */
export async function loadModel(s: Services, modelId: string, version: number): Promise<LoadResult> {
  const key = `${modelId}@${version}`
  const hit = s.cache.get(key)
  if (hit) return { model: hit, cached: true, loadTimeMs: 0 }
  const started = performance.now()
  const record = await s.models.readVersion(modelId, version)
  const stored = await s.models.readState(modelId, version)
  const plugin = s.registry.get(record.algorithm)
  if (stored.kind !== record.algorithm || stored.state_version !== plugin.stateVersion || stored.format_version !== 1) {
    throw new UnsupportedError(
      `model ${key} was stored as ${stored.kind} state v${stored.state_version} (format ${stored.format_version}); this build reads ${plugin.id} state v${plugin.stateVersion}: retrain it`,
      { field: 'model_id', value: key },
    )
  }
  const model: LoadedModel = {
    record,
    calibration: stored.calibration,
    featureSpec: upgradeSpec(stored.feature_spec),
    fitted: plugin.fromJSON(stored.state, record.params),
  }
  s.cache.set(key, model)
  return { model, cached: false, loadTimeMs: performance.now() - started }
}
