import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { with002 } from '../compat/prediction-002.js'
import { batchText } from '../plugins/batch-body-text.js'
import { errors } from '../schemas/common.js'
import { BatchBody, BatchResponses, PredictBody, PredictResponse } from '../schemas/predict.js'

export const predictionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/predict',
    {
      schema: {
        tags: ['prediction'],
        summary: 'Score one row',
        description:
          "Scores `data` with the model's latest version (or `version`, or `model@version`): `anomaly_score` (higher = more anomalous), `is_anomaly` against the stored threshold, where the score falls in training, and which inputs drove it. A missing input is imputed with the training median and listed in `missing_features`. 002's `score` runs the other way for unsupervised models (lower = more anomalous, scikit-learn's score_samples).",
        body: PredictBody,
        response: { 200: PredictResponse, ...errors(400, 404) },
      },
    },
    async (request) => {
      const { model_id, version, data, history, anomaly_threshold, explain } = request.body
      const scored = await app.vigil.predict({ modelId: model_id, version, data, history, threshold: anomaly_threshold, explain })
      const prediction = with002(scored.rows[0] as (typeof scored.rows)[number], scored.scale)
      return { model_id: scored.modelId, version: scored.version, prediction, model_info: scored.modelInfo, timestamp: new Date().toISOString() }
    },
  )
  app.post(
    '/predict-batch',
    {
      schema: {
        tags: ['prediction'],
        summary: 'Score many rows',
        description:
          'Scores every row of `data`, in order, as one sequence (lags and rolling windows run over it). Every row is checked before the answer begins, so a bad row is a 400 naming `data[i].<column>`. From BATCH_STREAM_ROWS rows (5,000) the rows are scored in a worker thread and the answer is streamed with compact explanations; `Accept: application/x-ndjson` streams one row per line at any size.',
        body: BatchBody,
        response: { 200: BatchResponses, ...errors(400, 404, 413) },
      },
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
