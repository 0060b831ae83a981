import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { DatasetIdParams, ModelDatasetParams, errors } from '../schemas/common.js'
import { CombineQuery, CombineResponse, ModelView } from '../schemas/model.js'
import { RetrainBody, TrainBody } from '../schemas/train.js'

export const trainingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // a POST without a body means "all defaults" (train) or "same settings" (retrain)
  app.addHook('preValidation', async (request) => {
    if (request.body === undefined || request.body === null) request.body = {}
  })
  app.post(
    '/train/:dataset_id',
    {
      schema: {
        tags: ['training'],
        summary: 'Train a model on a dataset',
        params: DatasetIdParams,
        body: TrainBody,
        response: { 200: ModelView, ...errors(400, 404, 409) },
      },
    },
    async (request) => app.vigil.train(request.params.dataset_id, request.body),
  )
  app.post(
    '/models/:model_id/retrain/:dataset_id',
    {
      schema: {
        tags: ['training'],
        summary: 'Train a new version of a model on a dataset',
        description: 'Settings not given are taken from the version retrained from (latest, or model@version / model@alias).',
        params: ModelDatasetParams,
        body: RetrainBody,
        response: { 200: ModelView, ...errors(400, 404) },
      },
    },
    async (request) => app.vigil.retrain(request.params.model_id, request.params.dataset_id, request.body),
  )
  app.post(
    '/models/:model_id/combine/:dataset_id',
    {
      schema: {
        tags: ['training'],
        summary: "Combine the model's training dataset with another",
        description: 'Creates a new immutable dataset stacking both (columns matched by name). With ?retrain=true also trains a new version on it.',
        params: ModelDatasetParams,
        querystring: CombineQuery,
        response: { 200: CombineResponse, ...errors(400, 404) },
      },
    },
    async (request) => app.vigil.combine(request.params.model_id, request.params.dataset_id, request.query.retrain),
  )
}
