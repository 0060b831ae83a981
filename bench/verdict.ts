/** One line per dataset: does Vigil meet the targets against scikit-learn? Plus what makes the row unusual. */
import { formatCount, formatDiff, formatMetric, formatRatio, ratio } from './format.js'
import { TARGETS } from './protocol.js'
import type { AlgorithmResult, DatasetResult } from './report.js'
import type { SideSummary } from './side-result.js'

interface Check {
  /** Undefined when it cannot be judged (a number is missing). */
  readonly ok: boolean | undefined
  readonly text: string
}

/** The verdict line, and whether every target was met. */
export function judge(algorithm: Pick<AlgorithmResult, 'maxTrainRatio'>, r: DatasetResult): { readonly pass: boolean; readonly line: string } {
  const { vigil } = r
  const sk = r.sklearn ?? undefined
  const diff = vigil.auroc === undefined || sk?.auroc === undefined ? undefined : vigil.auroc - sk.auroc
  const trainRatio = ratio(vigil.trainMs, sk?.trainMs)
  const scoreRatio = ratio(vigil.batchMs, sk?.batchMs)
  const checks: Check[] = [
    check('AUROC diff', formatDiff(diff), diff === undefined ? undefined : diff >= -TARGETS.aurocTolerance - 1e-12, `>= -${TARGETS.aurocTolerance}`),
    check('train', `${formatRatio(trainRatio)}x`, trainRatio === undefined ? undefined : trainRatio <= algorithm.maxTrainRatio, `<= ${algorithm.maxTrainRatio.toFixed(1)}x`),
    check('batch score', `${formatRatio(scoreRatio)}x`, scoreRatio === undefined ? undefined : scoreRatio <= TARGETS.maxScoreRatio, `<= ${TARGETS.maxScoreRatio.toFixed(1)}x`),
  ]
  const met = checks.filter((c) => c.ok === true).length
  const missed = checks.filter((c) => c.ok === false).length
  const overall = met === checks.length ? 'PASS' : missed > 0 ? `MISS (${met}/${checks.length} targets met)` : `INCOMPLETE (${met}/${checks.length} targets judged)`
  const remarks = [...sideRemarks('vigil', vigil), ...(sk === undefined ? [`sklearn n/a: ${r.sklearnReason ?? 'no result'}`] : sideRemarks('sklearn', sk))]
  if (checks[0]?.ok === false && sk !== undefined) {
    // a miss by less than the spread between seeds is worth telling apart from a real gap
    remarks.push(`per-seed AUROC: vigil ${spread(vigil)}, sklearn ${spread(sk)}`)
  }
  if (vigil.subsample !== undefined && vigil.trainRows !== undefined) {
    const rows = vigil.subsample.rows === undefined ? '' : `${formatCount(vigil.subsample.rows)} of `
    remarks.push(`Vigil trained on a subsample of ${rows}${formatCount(vigil.trainRows)} rows (max_samples), scikit-learn on all of them: unequal by design`)
  }
  const tail = remarks.length === 0 ? '' : `. Note: ${remarks.join('; ')}`
  return { pass: met === checks.length, line: `${r.dataset}: ${overall}: ${checks.map((c) => c.text).join(', ')}${tail}` }
}

export const verdict = (algorithm: Pick<AlgorithmResult, 'maxTrainRatio'>, r: DatasetResult): string => judge(algorithm, r).line

function check(label: string, value: string, ok: boolean | undefined, target: string): Check {
  return { ok, text: ok === undefined ? `${label} n/a` : `${label} ${value} ${ok ? 'ok' : 'MISSED'} (target ${target})` }
}

function spread(s: SideSummary): string {
  const values = s.seeds.map((x) => x.auroc)
  return `${formatMetric(Math.min(...values))}–${formatMetric(Math.max(...values))}`
}

function sideRemarks(name: string, s: SideSummary): string[] {
  const out: string[] = []
  if (s.error !== undefined) out.push(`${name} error: ${s.error}`)
  if (s.seeds.length > 0 && s.seeds.length < s.seedsAsked) out.push(`${name} ran ${s.seeds.length} of ${s.seedsAsked} seeds${s.stopped === undefined ? '' : ` (${s.stopped})`}`)
  if (s.warnings !== undefined) out.push(`${name} warned: ${s.warnings}`)
  return out
}
