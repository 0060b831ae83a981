import { Value } from 'typebox/value'
import { InvalidInputError } from '../errors.js'
import { checkPrivacyConfig } from '../privacy/check-privacy-config.js'
import { previewValue } from '../value-preview.js'
import { MAX_COMBOS_PER_LEAF, combosPerLeaf } from './combo-index.js'
import type { DetectorRegistry } from './detector-registry.js'
import { MonitorConfig } from './monitor-config.js'
import { MAX_RATE_DETECTORS } from './minute-store.js'

/**
 * A monitor config with its defaults filled in, checked against the schema
 * and against what the engine can run: known detectors, at most
 * MAX_RATE_DETECTORS rate detectors, and at most MAX_COMBOS_PER_LEAF
 * combinations per leaf (dimensions × max_depth).
 */
export function checkMonitorConfig(given: unknown, registry: DetectorRegistry, source = 'config'): MonitorConfig {
  const value = Value.Default(MonitorConfig, structuredClone(given)) as unknown
  if (!Value.Check(MonitorConfig, value)) {
    const errors = [...Value.Errors(MonitorConfig, value)]
    const first = errors.find((e) => e.keyword !== 'additionalProperties') ?? errors[0]
    const path = (first?.instancePath ?? '').split('/').filter(Boolean)
    const field = [source, ...path.map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`))].join('')
    const got = path.reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), value)
    throw new InvalidInputError(`${field} ${first?.message ?? 'is invalid'}; got ${previewValue(got, 100).text}`, { field, value: got })
  }
  const config = value
  for (const [i, name] of config.detectors.entries()) {
    if (registry.get(name) === undefined) {
      const known = registry.list().map((d) => d.name)
      throw new InvalidInputError(`${source}.detectors[${i}] '${name}' is not a registered detector; known: ${known.join(', ')}`, { field: `${source}.detectors`, value: name, limit: known })
    }
  }
  const rates = config.detectors.filter((n) => registry.get(n)?.kind === 'rate').length
  if (rates > MAX_RATE_DETECTORS) {
    throw new InvalidInputError(`${source}.detectors names ${rates} rate detectors; the limit is ${MAX_RATE_DETECTORS}`, { field: `${source}.detectors`, value: rates, limit: MAX_RATE_DETECTORS })
  }
  const combos = combosPerLeaf(config.dimensions.length, config.max_depth)
  if (combos > MAX_COMBOS_PER_LEAF) {
    let depth = config.max_depth
    while (depth > 1 && combosPerLeaf(config.dimensions.length, depth) > MAX_COMBOS_PER_LEAF) depth--
    throw new InvalidInputError(
      `${config.dimensions.length} dimensions with max_depth ${config.max_depth} make ${combos} combinations per event; the limit is ${MAX_COMBOS_PER_LEAF}: set max_depth to ${depth} or fewer`,
      { field: `${source}.max_depth`, value: config.max_depth, limit: depth },
    )
  }
  for (const [i, rule] of config.severity.rules.entries()) {
    for (const d of Object.keys(rule.when.dimensions ?? {})) {
      if (!config.dimensions.includes(d)) {
        throw new InvalidInputError(`${source}.severity.rules[${i}].when.dimensions names '${d}', which is not one of the monitor's dimensions`, { field: `${source}.severity.rules[${i}].when.dimensions`, value: d, limit: config.dimensions })
      }
    }
  }
  checkPrivacyConfig(config, source)
  return config
}
