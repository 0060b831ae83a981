/** One line per dataset: does Vigil meet the targets against scikit-learn? */
import { formatDiff, formatRatio, ratio } from './format.js'
import { TARGETS } from './protocol.js'
import type { DatasetResult } from './report.js'

export function verdict(result: DatasetResult): string {
  const { sklearn, vigil } = result
  if (sklearn === null) return `${result.dataset}: n/a (no scikit-learn numbers: ${result.sklearnReason ?? 'unknown reason'})`
  const diff = vigil.auroc - sklearn.auroc
  const trainRatio = ratio(vigil.trainMs, sklearn.trainMs)
  const scoreRatio = ratio(vigil.scoreMs, sklearn.scoreMs)
  const checks = [
    check(`AUROC diff ${formatDiff(diff)}`, Math.abs(diff) <= TARGETS.aurocTolerance, `|diff| <= ${TARGETS.aurocTolerance}`),
    check(`train ratio ${formatRatio(trainRatio)}`, trainRatio !== undefined && trainRatio <= TARGETS.maxTimeRatio, `<= ${TARGETS.maxTimeRatio.toFixed(1)}`),
    check(`score ratio ${formatRatio(scoreRatio)}`, scoreRatio !== undefined && scoreRatio <= TARGETS.maxTimeRatio, `<= ${TARGETS.maxTimeRatio.toFixed(1)}`),
  ]
  const passed = checks.filter((c) => c.ok).length
  const overall = passed === checks.length ? 'PASS' : `MISS (${passed}/${checks.length} targets met)`
  return `${result.dataset}: ${overall}: ${checks.map((c) => c.text).join(', ')}`
}

function check(label: string, ok: boolean, target: string): { ok: boolean; text: string } {
  return { ok, text: `${label} ${ok ? 'ok' : 'MISSED'} (target ${target})` }
}
