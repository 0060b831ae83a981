import { VigilError } from '../errors.js'
import type { StoredState } from './model-records.js'

/**
 * Check the envelope of a `state.json` before any plugin sees it: a damaged
 * or foreign file is reported as such (a server-side fault, 500) instead of
 * failing somewhere inside a plugin.
 */
export function assertStoredState(value: unknown, where: string): asserts value is StoredState {
  const problem = envelopeProblem(value)
  if (problem) throw new VigilError(500, `stored model ${where} is damaged: ${problem}`)
}

function envelopeProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return 'state.json is not an object'
  const v = value as Record<string, unknown>
  if (v.format_version !== 1) return `unknown format_version ${JSON.stringify(v.format_version)}`
  if (typeof v.kind !== 'string') return 'kind is missing'
  if (typeof v.state_version !== 'number') return 'state_version is missing'
  if (v.calibration === null || typeof v.calibration !== 'object') return 'calibration is missing'
  if (typeof (v.calibration as Record<string, unknown>).threshold !== 'number') return 'calibration.threshold is missing'
  if (v.feature_spec === null || typeof v.feature_spec !== 'object') return 'feature_spec is missing'
  if (v.state === null || typeof v.state !== 'object') return 'state is missing'
  return undefined
}
