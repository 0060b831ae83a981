import { BUILT_IN_ENTITY_DETECTORS } from '../abuse/built-in-detectors.js'
import { latency } from './detectors/latency.js'
import { systemErrors } from './detectors/system-errors.js'
import { traffic } from './detectors/traffic.js'
import { userErrors } from './detectors/user-errors.js'
import type { RegressionDetector } from './regression-detector.js'

/** Detectors by name: 003's four regressions and three abuse types built in, more registered by plugins. */
export interface DetectorRegistry {
  get(name: string): RegressionDetector | undefined
  list(): readonly RegressionDetector[]
  register(detector: RegressionDetector): void
}

export function createDetectorRegistry(extra: readonly RegressionDetector[] = []): DetectorRegistry {
  const byName = new Map<string, RegressionDetector>()
  const register = (detector: RegressionDetector): void => {
    if (!/^[a-z][a-z0-9_]{0,63}$/.test(detector.name)) throw new RangeError(`detector name '${detector.name}' must be lower_snake_case`)
    if (byName.has(detector.name)) throw new RangeError(`a detector named '${detector.name}' is already registered`)
    byName.set(detector.name, detector)
  }
  for (const d of [systemErrors, userErrors, latency, traffic, ...BUILT_IN_ENTITY_DETECTORS, ...extra]) register(d)
  return {
    get: (name) => byName.get(name),
    list: () => [...byName.values()],
    register,
  }
}
