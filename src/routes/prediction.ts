import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { confidence002, score002 } from '../compat/prediction-002.js'
import { batchText } from '../plugins/batch-body-text.js'
import { errors } from '../schemas/common.js'
import { BatchBody, BatchResponses, PredictBody, PredictResponse } from '../schemas/predict.js'

export const predictionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/predict',
    { schema: { tags: ['prediction'], summary: 'Score one row', body: PredictBody, response: { 200: PredictResponse, ...errors(400, 404) } } },
    async (request) => {
      const { model_id, version, data, history, anomaly_threshold, explain } = request.body
      const scored = await app.vigil.predict({ modelId: model_id, version, data, history, threshold: anomaly_threshold, explain })
      const row = scored.rows[0] as (typeof scored.rows)[number]
      const prediction = { ...row, score: score002(row.anomaly_score, scored.scale), confidence: confidence002(row.anomaly_score, row.anomaly_threshold, scored.scale) }
      return { model_id: scored.modelId, version: scored.version, prediction, model_info: scored.modelInfo, timestamp: new Date().toISOString() }
    },
  )
  app.post(
    '/predict-batch',
    {
      schema: { tags: ['prediction'], summary: 'Score many rows', body: BatchBody, response: { 200: BatchResponses, ...errors(400, 404, 413) } },
    },
    async (request, reply) => {
      const { model_id, version, data, history, anomaly_threshold, explain, explanation_detail } = request.body
      const onLateError = (err: unknown): void => request.log.error({ err }, 'batch scoring failed after its answer began')
      const answer = await app.vigil.predictBatch({ modelId: model_id, version, data, history, threshold: anomaly_threshold, explain, detail: explanation_detail, format: batchFormat(request.headers.accept), text: batchText(request), onLateError })
      return answer.kind === 'whole' ? answer.body : reply.type(answer.contentType).send(answer.stream)
    },
  )
}

/** NDJSON when the client lists it in Accept (`application/x-ndjson`, as GET /simulator/stream serves it); JSON otherwise. */
function batchFormat(accept: string | undefined): 'json' | 'ndjson' {
  return accept !== undefined && /application\/x-ndjson/i.test(accept) ? 'ndjson' : 'json'
}
