import { registry } from '../detectors/registry.js'

/** Whether an algorithm learns from labels (its score is then P(anomaly)). */
export function isSupervised(algorithm: string): boolean {
  return registry.has(algorithm) && registry.get(algorithm).supervised
}
