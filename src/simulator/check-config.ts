import { Value } from 'typebox/value'
import { InvalidInputError } from '../errors.js'
import { previewValue } from '../value-preview.js'
import { SimulatorConfigInput } from './config-schema.js'

/**
 * Check a parsed JSON config against {@link SimulatorConfigInput}; a bad
 * one is an {@link InvalidInputError} naming the path, e.g.
 * "config.anomaly_scenarios[2].frequency_weight must be >= 0; got -1".
 */
export function checkConfig(value: unknown, source = 'config'): asserts value is SimulatorConfigInput {
  if (Value.Check(SimulatorConfigInput, value)) return
  const errors = [...Value.Errors(SimulatorConfigInput, value)]
  const extra = errors.find((e) => e.keyword === 'boolean' && e.schemaPath.endsWith('additionalProperties'))
  const first = extra ?? errors.find((e) => e.keyword !== 'additionalProperties') ?? errors[0]
  const path = (first?.instancePath ?? '').split('/').filter(Boolean)
  const field = [source, ...path.map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`))].join('')
  const got = path.reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), value)
  const message = extra ? `${field} is not a known field` : `${field} ${first?.message ?? 'is invalid'}; got ${previewValue(got, 100).text}`
  throw new InvalidInputError(message, { field, value: got })
}
