import { Type } from 'typebox'
import { ThresholdOptions } from '../evaluation/threshold-options.js'
import { stripDefaults } from './strip-defaults.js'
import { MODEL_ID, exampleEvaluationRow } from './examples.js'

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
}, { title: 'ThresholdRow', description: 'The metrics at one threshold.' })

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
  {
    title: 'EvaluationResponse',
    description: "001's evaluation: ROC/PR AUC and curves, and the metrics table at the chosen, baseline and recommended thresholds.",
    examples: [
      {
        model_id: MODEL_ID,
        version: 3,
        rows: 450,
        positives: 30,
        split: 'time, 450 of 1500 rows held out; the served model was then refitted on all 1500 rows',
        roc_auc: 0.969,
        pr_auc: 0.913,
        roc_curve: [
          { fpr: 0, tpr: 0, threshold: 1 },
          { fpr: 0.0024, tpr: 0.833, threshold: 0.5734 },
          { fpr: 1, tpr: 1, threshold: 0 },
        ],
        pr_curve: [
          { recall: 0.833, precision: 0.962, threshold: 0.5734 },
          { recall: 1, precision: 0.0667, threshold: 0 },
        ],
        chosen: exampleEvaluationRow,
        baseline: { ...exampleEvaluationRow, name: 'contamination', threshold: 0.31, precision: 0.6, recall: 0.9, f1: 0.72, alert_rate: 0.1, confusion_matrix: { tp: 27, fp: 18, tn: 402, fn: 3 } },
        recommended: exampleEvaluationRow,
        threshold_table: [exampleEvaluationRow],
      },
    ],
  },
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
  {
    additionalProperties: false,
    title: 'ThresholdChangeRequest',
    description: 'A threshold, or an objective the stored held-out scores choose one by.',
    examples: [{ threshold: 0.62, changed_by: 'alice', reason: 'too many alerts at night' }, { objective: 'recall', target: 0.95 }],
  },
)
