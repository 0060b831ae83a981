import { percentile } from '../detectors/calibration.js'
import { chooseThreshold } from '../evaluation/choose-threshold.js'
import { evaluationReport } from '../evaluation/evaluation-report.js'
import { evaluationSummary } from '../evaluation/evaluation-summary.js'
import type { ThresholdOptions } from '../evaluation/threshold-options.js'
import { InvalidInputError } from '../errors.js'
import { decodeArray, encodeArray } from '../math/typed-array-codec.js'
import type { VersionRecord } from '../store/model-records.js'
import { parseModelRef, resolveVersion } from './model-ref.js'
import type { Services } from './services.js'

export interface ThresholdChangeRequest {
  /** A threshold on the model's score scale… */
  readonly threshold?: number | undefined
  /** …or an objective to recompute it from the stored training distribution and held-out labels. */
  readonly objective?: ThresholdOptions['objective'] | undefined
  readonly beta?: number | undefined
  readonly target?: number | undefined
  readonly changed_by?: string | undefined
  readonly reason?: string | undefined
}

/**
 * Change the threshold without retraining: a new version with the same model
 * state and a new threshold, recording who changed it, when, from what and
 * why. Versions stay immutable, so aliases keep pointing where they were until
 * moved.
 */
export async function changeThreshold(s: Services, modelRef: string, request: ThresholdChangeRequest): Promise<VersionRecord> {
  const ref = parseModelRef(modelRef)
  const from = await resolveVersion(s.models, ref)
  const [record, state, evaluation] = await Promise.all([
    s.models.readVersion(ref.modelId, from),
    s.models.readState(ref.modelId, from),
    s.models.readEvaluation(ref.modelId, from),
  ])
  if ((request.threshold === undefined) === (request.objective === undefined)) {
    throw new InvalidInputError('give either threshold (a number on the score scale) or objective, not both or neither', { field: 'threshold' })
  }
  const validation = evaluation
    ? { scores: decodeArray(evaluation.validation.scores, 'float64'), labels: decodeArray(evaluation.validation.labels, 'uint8') }
    : undefined
  const options: ThresholdOptions = {
    ...(record.threshold_options ?? { beta: 2, validation_fraction: 0.3, refit: 'auto' }),
    ...(request.objective ? { objective: request.objective } : {}),
    ...(request.beta !== undefined ? { beta: request.beta } : {}),
    ...(request.target !== undefined ? { target: request.target } : {}),
  }
  // the training score distribution is kept as quantiles: enough for 'auto' and 'alert_rate'
  const train = Float64Array.from(state.calibration.quantiles)
  const choice =
    request.threshold !== undefined || request.objective === undefined
      ? { threshold: request.threshold ?? state.calibration.threshold, name: 'manual', recommended: null }
      : chooseThreshold({ ...options, objective: request.objective }, { train, baseline: record.training_stats.baseline_threshold ?? state.calibration.threshold, validation })
  const report =
    evaluation && validation
      ? evaluationReport(validation.scores, validation.labels, evaluation.report.split, {
          chosen: { name: choice.name, threshold: choice.threshold },
          baseline: evaluation.report.baseline.threshold,
          recommended: evaluation.report.recommended ?? undefined,
        })
      : undefined
  const share = 1 - percentile(choice.threshold, state.calibration)
  return s.models.createVersion(ref.modelId, (version) => ({
    record: {
      ...record,
      version,
      parent: { model_id: ref.modelId, version: from },
      threshold_options: options,
      change: {
        type: 'threshold',
        from: state.calibration.threshold,
        to: choice.threshold,
        method: choice.name,
        changed_by: request.changed_by ?? 'api',
        reason: request.reason ?? null,
        at: new Date().toISOString(),
      },
      training_stats: {
        ...record.training_stats,
        threshold: choice.threshold,
        threshold_method: choice.name,
        anomaly_rate: share,
        anomaly_count: Math.round(share * record.training_stats.n_samples),
        ...(report ? { evaluation: evaluationSummary(report) } : {}),
      },
      created_at: new Date().toISOString(),
    },
    state: { ...state, calibration: { ...state.calibration, threshold: choice.threshold } },
    evaluation: report && validation ? { report, validation: { scores: encodeArray(validation.scores), labels: encodeArray(validation.labels) } } : undefined,
  }))
}
