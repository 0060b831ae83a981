import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ModelIdParams, ModelRefParams, errors } from '../schemas/common.js'
import { EvaluationResponse, ThresholdChangeBody } from '../schemas/evaluation.js'
import {
  AliasBody,
  AliasParams,
  AliasResponse,
  ModelDeleted,
  ModelList,
  ModelLoaded,
  ModelView,
  VersionList,
  VersionParams,
  VersionRecord,
} from '../schemas/model.js'

export const modelRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/models', { schema: { tags: ['models'], summary: 'List models', response: { 200: ModelList } } }, async () => app.vigil.listModels())
  app.get(
    '/models/:model_id',
    {
      schema: {
        tags: ['models'],
        summary: 'Model information (latest version, or model@version / model@alias)',
        params: ModelRefParams,
        response: { 200: ModelView, ...errors(400, 404) },
      },
    },
    async (request) => app.vigil.getModel(request.params.model_id),
  )
  app.delete(
    '/models/:model_id',
    { schema: { tags: ['models'], summary: 'Delete a model and all its versions', params: ModelIdParams, response: { 200: ModelDeleted, ...errors(400, 404) } } },
    async (request) => app.vigil.deleteModel(request.params.model_id),
  )
  app.post(
    '/models/:model_id/load',
    { schema: { tags: ['models'], summary: 'Load a model version into memory', params: ModelRefParams, response: { 200: ModelLoaded, ...errors(400, 404) } } },
    async (request) => app.vigil.loadModel(request.params.model_id),
  )
  app.get(
    '/models/:model_id/versions',
    { schema: { tags: ['models'], summary: 'Every version of a model, with its aliases', params: ModelIdParams, response: { 200: VersionList, ...errors(400, 404) } } },
    async (request) => app.vigil.listVersions(request.params.model_id),
  )
  app.get(
    '/models/:model_id/versions/:version',
    { schema: { tags: ['models'], summary: 'One version (number or alias)', params: VersionParams, response: { 200: VersionRecord, ...errors(400, 404) } } },
    async (request) => app.vigil.getVersion(request.params.model_id, request.params.version),
  )
  app.get(
    '/models/:model_id/evaluation',
    {
      schema: {
        tags: ['models'],
        summary: 'Evaluation against held-out labels (latest version, or model@version)',
        params: ModelRefParams,
        response: { 200: EvaluationResponse, ...errors(400, 404) },
      },
    },
    async (request) => app.vigil.getEvaluation(request.params.model_id),
  )
  app.get(
    '/models/:model_id/versions/:version/evaluation',
    { schema: { tags: ['models'], summary: "One version's evaluation", params: VersionParams, response: { 200: EvaluationResponse, ...errors(400, 404) } } },
    async (request) => app.vigil.getEvaluation(request.params.model_id, request.params.version),
  )
  app.put(
    '/models/:model_id/threshold',
    {
      schema: {
        tags: ['models'],
        summary: 'Change the threshold without retraining (creates a new version recording who, when, old and new)',
        params: ModelRefParams,
        body: ThresholdChangeBody,
        response: { 200: ModelView, ...errors(400, 404) },
      },
    },
    async (request) => app.vigil.changeThreshold(request.params.model_id, request.body),
  )
  app.get(
    '/models/:model_id/aliases',
    { schema: { tags: ['models'], summary: "A model's aliases", params: ModelIdParams, response: { 200: AliasResponse, ...errors(400, 404) } } },
    async (request) => app.vigil.getAliases(request.params.model_id),
  )
  app.put(
    '/models/:model_id/aliases/:alias',
    {
      schema: {
        tags: ['models'],
        summary: 'Point an alias (e.g. production) at a version',
        params: AliasParams,
        body: AliasBody,
        response: { 200: AliasResponse, ...errors(400, 404) },
      },
    },
    async (request) => app.vigil.setAlias(request.params.model_id, request.params.alias, request.body.version),
  )
  app.delete(
    '/models/:model_id/aliases/:alias',
    { schema: { tags: ['models'], summary: 'Remove an alias', params: AliasParams, response: { 200: AliasResponse, ...errors(400, 404) } } },
    async (request) => app.vigil.deleteAlias(request.params.model_id, request.params.alias),
  )
}
