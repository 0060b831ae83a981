import fc from 'fast-check'

/** The parts of JSON Schema the OpenAPI document uses. */
export interface JsonSchema {
  readonly $ref?: string
  readonly type?: string | readonly string[]
  readonly const?: unknown
  readonly enum?: readonly unknown[]
  readonly anyOf?: readonly JsonSchema[]
  readonly oneOf?: readonly JsonSchema[]
  readonly properties?: Readonly<Record<string, JsonSchema>>
  readonly required?: readonly string[]
  readonly additionalProperties?: boolean | JsonSchema
  readonly items?: JsonSchema | readonly JsonSchema[]
  readonly minItems?: number
  readonly maxItems?: number
  readonly minLength?: number
  readonly maxLength?: number
  readonly pattern?: string
  readonly format?: string
  readonly minimum?: number
  readonly maximum?: number
  readonly exclusiveMinimum?: number
  readonly exclusiveMaximum?: number
}

/** Keys an attacker tries: prototype pollution, the API's own field names, odd text. */
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'data', 'model_id', 'algorithm', '', ' ', '.', 'a.b', '\u0000', 'ünï', '💥']
const HOSTILE_STRINGS = ['../../etc/passwd', '..', '%2e%2e%2f', '\u0000', 'NaN', 'Infinity', '-1e309', '1e309', '<script>', "'; DROP TABLE x; --", 'true', 'null', '{}', '[]']

const key = fc.oneof({ arbitrary: fc.string({ maxLength: 12 }), weight: 3 }, { arbitrary: fc.constantFrom(...HOSTILE_KEYS), weight: 1 })

const junkScalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.integer(),
  fc.constantFrom(0, -0, -1, 1, 2 ** 31, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER, 1e308, -1e308, 5e-324),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.constant('x'.repeat(3000)),
)

/** Any JSON value, small, with hostile keys and scalars. */
export const junkValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    junkScalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
})).value

export interface SchemaOptions {
  /** Resolves `#/components/schemas/...` references. */
  readonly resolve: (ref: string) => JsonSchema
  /** Share of nodes replaced by junk (0: only schema-valid values). */
  readonly mutate: number
  /** Caps on property values by name (cost bounds: generating a million rows proves nothing new). */
  readonly caps?: Readonly<Record<string, fc.Arbitrary<unknown>>>
}

/**
 * A fast-check arbitrary of values for a JSON schema: mostly values the
 * schema accepts, with a share of nodes (`mutate`) replaced by junk, so the
 * requests get past validation often enough to reach the code behind it.
 */
export function fromSchema(schema: JsonSchema, options: SchemaOptions, depth = 0): fc.Arbitrary<unknown> {
  const valid = validFor(schema, options, depth)
  if (options.mutate <= 0) return valid
  const junkWeight = Math.max(1, Math.round(options.mutate * 100))
  return fc.oneof({ arbitrary: valid, weight: 100 - junkWeight }, { arbitrary: junkValue, weight: junkWeight })
}

function validFor(schema: JsonSchema, options: SchemaOptions, depth: number): fc.Arbitrary<unknown> {
  if (schema.$ref !== undefined) return fromSchema(options.resolve(schema.$ref), options, depth)
  if ('const' in schema) return fc.constant(schema.const)
  if (schema.enum !== undefined && schema.enum.length > 0) return fc.constantFrom(...schema.enum)
  const branches = schema.anyOf ?? schema.oneOf
  if (branches !== undefined && branches.length > 0) return fc.oneof(...branches.map((b) => fromSchema(b, options, depth + 1)))
  if (depth > 6) return junkScalar
  const type = Array.isArray(schema.type) ? (schema.type[0] as string | undefined) : (schema.type as string | undefined)
  switch (type) {
    case 'object': {
      const props = schema.properties ?? {}
      const model: Record<string, fc.Arbitrary<unknown>> = {}
      for (const [name, sub] of Object.entries(props)) model[name] = options.caps?.[name] ?? fromSchema(sub, options, depth + 1)
      const names = Object.keys(model)
      if (names.length === 0) {
        const extra = typeof schema.additionalProperties === 'object' ? fromSchema(schema.additionalProperties, options, depth + 1) : junkValue
        return fc.dictionary(key, extra, { maxKeys: 4 })
      }
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((r) => names.includes(r)) })
    }
    case 'array': {
      const items = Array.isArray(schema.items) ? { anyOf: schema.items } : ((schema.items as JsonSchema | undefined) ?? {})
      const minLength = schema.minItems ?? 0
      return fc.array(fromSchema(items, options, depth + 1), { minLength, maxLength: Math.max(minLength, Math.min(schema.maxItems ?? 4, 4)) })
    }
    case 'string': {
      if (schema.format === 'date-time') return fc.date({ min: new Date('2000-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString())
      if (schema.pattern !== undefined) return fc.stringMatching(new RegExp(schema.pattern), { size: 'xsmall' })
      const minLength = schema.minLength ?? 0
      return fc.string({ minLength, maxLength: Math.max(minLength, Math.min(schema.maxLength ?? 24, 24)) })
    }
    case 'integer': {
      const min = Math.max(schema.minimum ?? -(2 ** 31), -(2 ** 31))
      const max = Math.min(schema.maximum ?? 2 ** 31 - 1, 2 ** 31 - 1)
      return fc.integer({ min, max: Math.max(min, max) })
    }
    case 'number': {
      const min = schema.minimum ?? schema.exclusiveMinimum ?? -1e6
      const max = schema.maximum ?? schema.exclusiveMaximum ?? 1e6
      return fc.double({
        min,
        max,
        minExcluded: schema.exclusiveMinimum !== undefined,
        maxExcluded: schema.exclusiveMaximum !== undefined,
        noNaN: true,
        noDefaultInfinity: true,
      })
    }
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    default:
      return junkValue
  }
}
