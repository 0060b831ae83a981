import { Type } from 'typebox'
import { ID_PATTERN, MODEL_REF_PATTERN } from '../store/ids.js'

/** Every error has this body: a sentence for people, and the facts for programs. */
export const ErrorResponse = Type.Object(
  {
    error: Type.String({ description: 'What went wrong, naming the field, the value and the limit.' }),
    status_code: Type.Integer(),
    field: Type.Optional(Type.String()),
    value: Type.Optional(Type.Unknown()),
    limit: Type.Optional(Type.Unknown()),
    request_id: Type.Optional(Type.String()),
  },
  {
    $id: 'ErrorResponse',
    additionalProperties: true,
    examples: [{ error: 'body/contamination must be <= 0.5; got 0.7', status_code: 400, field: 'contamination', value: 0.7, limit: 0.5 }],
  },
)

export const Id = Type.String({ pattern: ID_PATTERN, description: 'A single path segment: letters, digits, _ and -.' })

/** A model id, optionally with `@version` or `@alias`. */
export const ModelRefParam = Type.String({
  pattern: MODEL_REF_PATTERN,
  description: "A model id, optionally with '@<version>' or '@<alias>' (e.g. 'fraud@3', 'fraud@production').",
})

export const DatasetIdParams = Type.Object({ dataset_id: Id })
/** Routes that act on a version (get, load) accept `model@version`. */
export const ModelRefParams = Type.Object({ model_id: ModelRefParam })
/** Routes that act on the whole model (delete, versions, aliases) take its plain id. */
export const ModelIdParams = Type.Object({ model_id: Id })
export const ModelDatasetParams = Type.Object({ model_id: ModelRefParam, dataset_id: Id })

/** Shared error responses, by status. */
export const errors = (...codes: (400 | 404 | 409 | 413 | 429)[]) =>
  Object.fromEntries(codes.map((c) => [c, Type.Ref('ErrorResponse')])) as Record<number, ReturnType<typeof Type.Ref>>
