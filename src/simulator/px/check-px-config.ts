import { Value } from 'typebox/value'
import { InvalidInputError } from '../../errors.js'
import { previewValue } from '../../value-preview.js'
import { PxTrafficConfigInput } from './config-schema.js'

/**
 * Check parsed JSON against {@link PxTrafficConfigInput}; a bad config is an
 * InvalidInputError naming the path, e.g. "config.random.count must be <= 2000; got 5000".
 */
export function checkPxConfig(value: unknown, source = 'config'): asserts value is PxTrafficConfigInput {
  if (Value.Check(PxTrafficConfigInput, value)) return
  const errors = [...Value.Errors(PxTrafficConfigInput, value)]
  const extra = errors.find((e) => e.keyword === 'boolean' && e.schemaPath.endsWith('additionalProperties'))
  const first = extra ?? errors.find((e) => e.keyword !== 'additionalProperties') ?? errors[0]
  const path = (first?.instancePath ?? '').split('/').filter(Boolean)
  const field = [source, ...path.map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`))].join('')
  const got = path.reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), value)
  const params = (first?.params ?? {}) as { limit?: unknown; allowedValues?: unknown }
  const allowed = Array.isArray(params.allowedValues) ? params.allowedValues : undefined
  // an enum's "one of the allowed values" says nothing useful: name them
  const rule = allowed !== undefined ? `must be one of ${allowed.join(', ')}` : (first?.message ?? 'is invalid')
  const message = extra ? `${field} is not a known field` : `${field} ${rule}; got ${previewValue(got, 100).text}`
  const limit = allowed ?? params.limit
  throw new InvalidInputError(message, limit === undefined ? { field, value: got } : { field, value: got, limit })
}
