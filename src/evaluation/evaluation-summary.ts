import type { Evaluation } from '../store/model-records.js'
import type { EvaluationReport } from './evaluation-report.js'

/** The headline numbers of an evaluation, kept in the version record (the full report is served separately). */
export function evaluationSummary(report: EvaluationReport): Evaluation {
  const c = report.chosen
  return {
    roc_auc: report.roc_auc,
    pr_auc: report.pr_auc,
    precision: c.precision,
    recall: c.recall,
    f1: c.f1,
    alert_rate: c.alert_rate,
    confusion_matrix: c.confusion_matrix,
    labelled_rows: report.rows,
    positives: report.positives,
    split: report.split,
    baseline_f1: report.baseline.f1,
    recommended_threshold: report.recommended?.threshold ?? null,
    recommended_f1: report.recommended?.f1 ?? null,
  }
}
