/**
 * Names that usually hold the answer rather than a measurement: ground-truth
 * labels, attack or fraud flags, classes. Matched on the whole name after
 * lower-casing, with `_`, `-`, `.` and spaces ignored, so `is_anomaly`,
 * `isAnomaly` and `Is Anomaly` all match.
 */
const LABEL_NAMES = new Set([
  'label',
  'labels',
  'anomaly',
  'anomalies',
  'isanomaly',
  'anomalous',
  'isanomalous',
  'anomalylabel',
  'outlier',
  'isoutlier',
  'target',
  'class',
  'classlabel',
  'classification',
  'groundtruth',
  'attack',
  'isattack',
  'attacktype',
  'fraud',
  'isfraud',
  'fraudulent',
  'malicious',
  'ismalicious',
  'ismalware',
  'ytrue',
])

/** Whether a column is named like a label (see LABEL_NAMES). */
export function isLabelLike(column: string): boolean {
  return LABEL_NAMES.has(column.toLowerCase().replace(/[\s._-]+/g, ''))
}
