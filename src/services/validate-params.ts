import type { TSchema } from 'typebox'
import { Value } from 'typebox/value'
import type { DetectorPlugin } from '../detectors/types.js'
import { InvalidInputError } from '../errors.js'
import { previewValue } from '../value-preview.js'

/**
 * Apply a plugin's parameter defaults and check the result against its
 * schema (done here rather than by Ajv, which cannot apply defaults inside
 * the per-algorithm union). A bad value is a 400 naming `params.<name>`.
 */
export function validateParams(plugin: DetectorPlugin, given: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  const withDefaults = Value.Default(plugin.params, structuredClone(given)) as Record<string, unknown>
  if (Value.Check(plugin.params, withDefaults)) return withDefaults
  const errors = Value.Errors(plugin.params, withDefaults)
  const extra = errors.find((e) => e.keyword === 'additionalProperties')
  if (extra) {
    const names = Object.keys(withDefaults).filter((k) => !(k in propertiesOf(plugin.params)))
    throw new InvalidInputError(
      `params.${names[0]} is not a parameter of ${plugin.id}; its parameters are: ${Object.keys(propertiesOf(plugin.params)).join(', ')}`,
      { field: `params.${names[0]}`, value: withDefaults[names[0] as string], limit: Object.keys(propertiesOf(plugin.params)) },
    )
  }
  const first = errors[0]
  const name = (first?.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.')
  const value = name ? withDefaults[name] : withDefaults
  const property = propertiesOf(plugin.params)[name]
  const description = property && 'description' in property && typeof property.description === 'string' ? property.description : undefined
  // a value that fits none of a union's forms: the first branch's complaint ("must be string") misleads
  const union = errors.filter((e) => e.instancePath === first?.instancePath).length > 1
  const problem = union ? 'does not match any accepted form' : (first?.message ?? 'is invalid')
  throw new InvalidInputError(`params.${name} ${problem}; got ${previewValue(value, 100).text}${description ? ` (${description})` : ''}`, {
    field: `params.${name}`,
    value,
    limit: first?.params,
  })
}

function propertiesOf(schema: TSchema): Record<string, TSchema> {
  return 'properties' in schema && typeof schema.properties === 'object' && schema.properties !== null
    ? (schema.properties as Record<string, TSchema>)
    : {}
}
