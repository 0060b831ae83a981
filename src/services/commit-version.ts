import type { VersionRecord } from '../store/model-records.js'
import type { ComputedVersion } from './compute-version.js'
import type { Services } from './services.js'
import type { TrainTarget } from './train-model.js'

/** Store a version a worker computed: the record gets its number, lineage and time; the files are written as the worker serialised them. */
export function commitVersion(s: Services, target: TrainTarget, computed: ComputedVersion, jobId: string): Promise<VersionRecord> {
  const { training_stats, app_version, ...head } = computed.record
  return s.models.createVersion(target.modelId, (version) => ({
    record: { model_id: target.modelId, version, ...head, parent: target.parent, training_stats, created_at: new Date().toISOString(), app_version, job_id: jobId },
    stateJson: computed.stateJson,
    evaluationJson: computed.evaluationJson,
  }))
}
