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
  app.get(
    '/models',
    {
      schema: {
        tags: ['models'],
        summary: 'List models',
        description: 'Every model with its latest version in brief (algorithm, target and input columns, training summary, aliases) and `count`.',
        response: { 200: ModelList },
      },
    },
    async () => app.vigil.listModels(),
  )
  app.get(
    '/models/:model_id',
    {
      schema: {
        tags: ['models'],
        summary: 'Model information (latest version, or model@version / model@alias)',
        description: 'The version record (algorithm, parameters, columns, feature engineering, threshold, lineage) with its training statistics, including 002\'s training_stats fields, and the model\'s versions and aliases.',
        params: ModelRefParams,
        response: { 200: ModelView, ...errors(400, 404) },
      },
    },
    async (request) => app.vigil.getModel(request.params.model_id),
  )
  app.delete(
    '/models/:model_id',
    {
      schema: {
        tags: ['models'],
        summary: 'Delete a model and all its versions',
        description: 'Removes every version, alias and cached copy. The datasets it was trained on stay.',
        params: ModelIdParams,
        response: { 200: ModelDeleted, ...errors(400, 404) },
      },
    },
    async (request) => app.vigil.deleteModel(request.params.model_id),
  )
  app.post(
    '/models/:model_id/load',
    {
      schema: {
        tags: ['models'],
        summary: 'Load a model version into memory',
        description: 'Warms the in-memory cache (LRU) so the first prediction does not read the version from disk; predictions load it anyway when needed.',
        params: ModelRefParams,
        response: { 200: ModelLoaded, ...errors(400, 404) },
      },
    },
    async (request) => app.vigil.loadModel(request.params.model_id),
  )
  app.get(
    '/models/:model_id/versions',
    {
      schema: {
        tags: ['models'],
        summary: 'Every version of a model, with its aliases',
        description: 'The immutable version records, oldest first: how each was trained, on which dataset (with digest and sources), from which parent.',
        params: ModelIdParams,
        response: { 200: VersionList, ...errors(400, 404) },
      },
    },
    async (request) => app.vigil.listVersions(request.params.model_id),
  )
  app.get(
    '/models/:model_id/versions/:version',
    {
      schema: {
        tags: ['models'],
        summary: 'One version (number or alias)',
        description: 'The immutable record of one version, named by number or alias.',
        params: VersionParams,
        response: { 200: VersionRecord, ...errors(400, 404) },
      },
    },
    async (request) => app.vigil.getVersion(request.params.model_id, request.params.version),
  )
  app.get(
    '/models/:model_id/evaluation',
    {
      schema: {
        tags: ['models'],
        summary: 'Evaluation against held-out labels (latest version, or model@version)',
        description: 'For a version trained with a label column: ROC and PR curves and AUCs on the held-out rows, and precision, recall, F1 and alert rate at the chosen, baseline and recommended thresholds. 404 for a version trained without labels.',
        params: ModelRefParams,
        response: { 200: EvaluationResponse, ...errors(400, 404) },
      },
    },
    async (request) => app.vigil.getEvaluation(request.params.model_id),
  )
  app.get(
    '/models/:model_id/versions/:version/evaluation',
    {
      schema: {
        tags: ['models'],
        summary: "One version's evaluation",
        description: 'As GET /models/{model_id}/evaluation, for the version named by number or alias.',
        params: VersionParams,
        response: { 200: EvaluationResponse, ...errors(400, 404) },
      },
    },
    async (request) => app.vigil.getEvaluation(request.params.model_id, request.params.version),
  )
  app.put(
    '/models/:model_id/threshold',
    {
      schema: {
        tags: ['models'],
        summary: 'Change the threshold without retraining (creates a new version recording who, when, old and new)',
        description: 'Give a `threshold` on the score scale, or an `objective` (f1, recall with `target`, alert_rate with `target`, …) chosen on the stored held-out scores. The model is not refitted; the new version records the change.',
        params: ModelRefParams,
        body: ThresholdChangeBody,
        response: { 200: ModelView, ...errors(400, 404) },
      },
    },
    async (request) => app.vigil.changeThreshold(request.params.model_id, request.body),
  )
  app.get(
    '/models/:model_id/aliases',
    {
      schema: {
        tags: ['models'],
        summary: "A model's aliases",
        description: 'Alias → version (e.g. production → 3). Predict with `model@production` to follow an alias.',
        params: ModelIdParams,
        response: { 200: AliasResponse, ...errors(400, 404) },
      },
    },
    async (request) => app.vigil.getAliases(request.params.model_id),
  )
  app.put(
    '/models/:model_id/aliases/:alias',
    {
      schema: {
        tags: ['models'],
        summary: 'Point an alias (e.g. production) at a version',
        description: "Creates or moves the alias. Aliases cannot be numbers or 'latest'.",
        params: AliasParams,
        body: AliasBody,
        response: { 200: AliasResponse, ...errors(400, 404) },
      },
    },
    async (request) => app.vigil.setAlias(request.params.model_id, request.params.alias, request.body.version),
  )
  app.delete(
    '/models/:model_id/aliases/:alias',
    {
      schema: {
        tags: ['models'],
        summary: 'Remove an alias',
        description: 'The version it pointed at stays.',
        params: AliasParams,
        response: { 200: AliasResponse, ...errors(400, 404) },
      },
    },
    async (request) => app.vigil.deleteAlias(request.params.model_id, request.params.alias),
  )
}
