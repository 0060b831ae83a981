import { Type } from 'typebox'
import { ThresholdOptions } from '../evaluation/threshold-options.js'
import { stripDefaults } from './strip-defaults.js'

const Confusion = Type.Object({ tp: Type.Integer(), fp: Type.Integer(), tn: Type.Integer(), fn: Type.Integer() })

/** 001's threshold row. */
export const ThresholdRow = Type.Object({
  name: Type.String(),
  threshold: Type.Number(),
  precision: Type.Number(),
  recall: Type.Number(),
  f1: Type.Number(),
  alert_rate: Type.Number(),
  confusion_matrix: Confusion,
})

export const EvaluationResponse = Type.Object(
  {
    model_id: Type.String(),
    version: Type.Integer(),
    rows: Type.Integer({ description: 'Held-out labelled rows the report is computed on.' }),
    positives: Type.Integer(),
    split: Type.String(),
    roc_auc: Type.Union([Type.Number(), Type.Null()]),
    pr_auc: Type.Union([Type.Number(), Type.Null()]),
    roc_curve: Type.Array(Type.Object({ fpr: Type.Number(), tpr: Type.Number(), threshold: Type.Number() })),
    pr_curve: Type.Array(Type.Object({ recall: Type.Number(), precision: Type.Number(), threshold: Type.Number() })),
    chosen: ThresholdRow,
    baseline: ThresholdRow,
    recommended: Type.Union([ThresholdRow, Type.Null()]),
    threshold_table: Type.Array(ThresholdRow, { description: 'Candidate thresholds, highest first: alert-rate quantiles, the baseline, the recommended and the chosen one.' }),
  },
  { description: "001's evaluation: ROC/PR AUC and curves, and the metrics table at the chosen, baseline and recommended thresholds." },
)

export const ThresholdChangeBody = Type.Object(
  {
    threshold: Type.Optional(Type.Number({ description: "A threshold on the model's score scale (scores above it are anomalies)." })),
    objective: Type.Optional(stripDefaults(ThresholdOptions.properties.objective)),
    beta: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100 })),
    target: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
    changed_by: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Who made the change (recorded in the version).' })),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false, examples: [{ threshold: 0.62, changed_by: 'alice', reason: 'too many alerts at night' }, { objective: 'recall', target: 0.95 }] },
)
