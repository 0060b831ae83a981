import { METRIC_DESCRIPTIONS } from './metrics.js'
import { PATTERN_IDS, PATTERNS } from './patterns/index.js'
import type { ResolvedConfig } from './resolve-config.js'
import { round } from './sample.js'

/**
 * The scenarios of a config as the API lists them: 004's fields, the
 * expected share of anomalous rows, and the traces each incident leaves.
 */
export function describeScenarios(config: ResolvedConfig) {
  return {
    global_anomaly_rate: config.global_anomaly_rate,
    logs_per_second: config.log_generation.logs_per_second,
    scenarios: config.anomaly_scenarios.map((s) => ({
      id: s.id,
      name: s.name,
      type: s.type,
      category: s.category,
      severity: s.severity,
      frequency_weight: s.frequency_weight,
      enabled: s.enabled,
      builtin: s.builtin,
      pattern: s.pattern,
      expected_share: round(s.share, 4),
      traces: PATTERNS[s.pattern].traces,
      description: s.description,
    })),
    patterns: PATTERN_IDS.map((id) => ({ id, traces: PATTERNS[id].traces })),
    metrics: { ...METRIC_DESCRIPTIONS },
  }
}
