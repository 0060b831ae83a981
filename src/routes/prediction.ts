import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { errors } from '../schemas/common.js'
import { BatchBody, BatchResponse, PredictBody, PredictResponse } from '../schemas/predict.js'

export const predictionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/predict',
    { schema: { tags: ['prediction'], summary: 'Score one row', body: PredictBody, response: { 200: PredictResponse, ...errors(400, 404) } } },
    async (request) => {
      const { model_id, version, data, history, anomaly_threshold, explain } = request.body
      const scored = await app.vigil.predict({ modelId: model_id, version, data, history, threshold: anomaly_threshold, explain })
      return { model_id: scored.modelId, version: scored.version, prediction: scored.rows[0] as (typeof scored.rows)[number], model_info: scored.modelInfo }
    },
  )
  app.post(
    '/predict-batch',
    {
      schema: { tags: ['prediction'], summary: 'Score many rows', body: BatchBody, response: { 200: BatchResponse, ...errors(400, 404, 413) } },
    },
    async (request) => {
      const { model_id, version, data, history, anomaly_threshold, explain } = request.body
      const scored = await app.vigil.predictBatch({ modelId: model_id, version, data, history, threshold: anomaly_threshold, explain })
      return {
        model_id: scored.modelId,
        version: scored.version,
        predictions: {
          total: scored.rows.length,
          anomaly_count: scored.anomalyCount,
          anomaly_rate: scored.anomalyCount / scored.rows.length,
          anomaly_threshold: scored.threshold,
          results: scored.rows.map((r, index) => ({ index, ...r })),
        },
        model_info: scored.modelInfo,
      }
    },
  )
}
