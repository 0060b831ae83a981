import { Type } from 'typebox'

export const Health = Type.Object({
  status: Type.Literal('healthy'),
  version: Type.String(),
  uptime_seconds: Type.Integer(),
  models_loaded: Type.Integer(),
  timestamp: Type.String({ format: 'date-time' }),
})

export const ApiInfo = Type.Object({
  name: Type.String(),
  version: Type.String(),
  description: Type.String(),
  docs: Type.String(),
  openapi: Type.String(),
  endpoints: Type.Record(Type.String(), Type.String()),
})

export const AlgorithmList = Type.Object({
  algorithms: Type.Array(
    Type.Object({
      id: Type.String(),
      available: Type.Boolean(),
      title: Type.String(),
      supervised: Type.Union([Type.Boolean(), Type.Null()]),
      description: Type.String(),
      state_version: Type.Optional(Type.Integer()),
      params: Type.Optional(Type.Unknown({ description: 'JSON Schema of the parameters, with defaults.' })),
    }),
  ),
})
