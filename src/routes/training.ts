import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { DatasetIdParams, ModelDatasetParams, errors } from '../schemas/common.js'
import { CombineJobQuery, Job, WaitQuery, queueErrors } from '../schemas/job.js'
import { CombineResponse, ModelView, RetrainResponse } from '../schemas/model.js'
import { RetrainBody, TrainBody } from '../schemas/train.js'

const WAIT_NOTE = 'Training runs in a worker thread as a job. By default the request waits for it; with ?wait=false it answers 202 with the job at once (GET /jobs/{job_id}, or its /events stream). 429 with Retry-After when JOB_QUEUE_LIMIT jobs already wait.'

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
        description: `Fits the algorithm on the dataset (automatic features, threshold from contamination, or F1 on held-out labels for supervised algorithms) and stores version 1 of a new model; the answer is the model, with 002's training_stats fields. ${WAIT_NOTE}`,
        params: DatasetIdParams,
        querystring: WaitQuery,
        body: TrainBody,
        response: { 200: ModelView, 202: Job, ...errors(400, 404, 409), ...queueErrors },
      },
    },
    async (request, reply) =>
      request.query.wait
        ? app.vigil.train(request.params.dataset_id, request.body)
        : reply.code(202).send(await app.vigil.startTrain(request.params.dataset_id, request.body)),
  )
  app.post(
    '/models/:model_id/retrain/:dataset_id',
    {
      schema: {
        tags: ['training'],
        summary: 'Train a new version of a model on a dataset',
        description: `Settings not given are taken from the version retrained from (latest, or model@version / model@alias). ${WAIT_NOTE}`,
        params: ModelDatasetParams,
        querystring: WaitQuery,
        body: RetrainBody,
        response: { 200: RetrainResponse, 202: Job, ...errors(400, 404), ...queueErrors },
      },
    },
    async (request, reply) => {
      const { model_id, dataset_id } = request.params
      if (!request.query.wait) return reply.code(202).send(await app.vigil.startRetrain(model_id, dataset_id, request.body))
      const model = await app.vigil.retrain(model_id, dataset_id, request.body)
      return { ...model, total_records: model.dataset.rows }
    },
  )
  app.post(
    '/models/:model_id/combine/:dataset_id',
    {
      schema: {
        tags: ['training'],
        summary: "Combine the model's training dataset with another",
        description: `Creates a new immutable dataset stacking both (columns matched by name). With ?retrain=true also trains a new version on it; with ?retrain=true&wait=false the combined dataset is created now and the training answers 202 with its job (kind 'combine', dataset_id = the combined dataset).`,
        params: ModelDatasetParams,
        querystring: CombineJobQuery,
        response: { 200: CombineResponse, 202: Job, ...errors(400, 404), ...queueErrors },
      },
    },
    async (request, reply) => {
      const { model_id, dataset_id } = request.params
      const { retrain, wait } = request.query
      return retrain && !wait
        ? reply.code(202).send(await app.vigil.startCombine(model_id, dataset_id))
        : app.vigil.combine(model_id, dataset_id, retrain)
    },
  )
}
