import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { APP_VERSION } from '../app-version.js'
import { Type } from 'typebox'
import { Ready } from '../schemas/job.js'
import { AlgorithmList, ApiInfo, Health } from '../schemas/service.js'

const ENDPOINTS: Record<string, string> = {
  'POST /upload-dataset': 'Upload a CSV, JSON, JSON lines or Parquet dataset (multipart field `file`)',
  'GET /datasets': 'List datasets',
  'GET /datasets/{dataset_id}': 'A dataset with its column profile',
  'POST /train/{dataset_id}': 'Train a model',
  'POST /predict': 'Score one row',
  'POST /predict-batch': 'Score many rows',
  'GET /models': 'List models',
  'GET /models/{model_id}': 'Model information and training stats',
  'DELETE /models/{model_id}': 'Delete a model and all its versions',
  'POST /models/{model_id}/load': 'Load a model version into memory',
  'POST /models/{model_id}/retrain/{dataset_id}': 'Train a new version on another dataset',
  'POST /models/{model_id}/combine/{dataset_id}': "Combine the model's dataset with another",
  'GET /models/{model_id}/versions': 'Versions and aliases',
  'PUT /models/{model_id}/aliases/{alias}': 'Point an alias at a version',
  'GET /algorithms': 'Available algorithms and their parameters',
  'GET /simulator/scenarios': 'The labelled incident scenarios of the built-in simulator',
  'POST /simulator/datasets': 'Generate labelled banking logs straight into a dataset',
  'GET /simulator/stream': 'Live simulated logs (NDJSON or SSE)',
  'GET /jobs': 'Training jobs, newest first (?status=)',
  'GET /jobs/{job_id}': 'One training job',
  'GET /jobs/{job_id}/events': "A job's progress as Server-Sent Events",
  'DELETE /jobs/{job_id}': 'Cancel a queued or running job',
  'GET /incidents': 'Incidents opened by the regression monitors (?monitor=&status=&type=&severity=&since=&until=&limit=&cursor=)',
  'GET /incidents/{incident_id}': 'One incident with its evidence',
  'POST /incidents/{incident_id}/ack': 'Acknowledge an incident',
  'POST /incidents/{incident_id}/resolve': 'Resolve an incident by hand',
  'GET /health': 'Health check',
  'GET /openapi.json': 'The OpenAPI 3 document (also at /docs/json; Swagger UI at /docs)',
  'GET /ready': 'Readiness: 200 once storage is checked and the worker threads are up; 503 while starting or shutting down',
}

export const serviceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['service'],
        summary: 'API information',
        description: 'Name, version, where the documentation is (/docs, /openapi.json) and one line per endpoint: a starting point.',
        response: { 200: ApiInfo },
      },
    },
    async () => ({
    name: 'Vigil',
    version: APP_VERSION,
    description: 'Self-hosted anomaly detection: datasets in, versioned models out, predictions with scores.',
    docs: '/docs',
    openapi: '/docs/json',
    endpoints: ENDPOINTS,
  }),
  )
  app.get(
    '/health',
    {
      schema: {
        tags: ['service'],
        summary: 'Health check',
        description: 'Always instant: it never waits for the worker threads. For load balancers, use /ready.',
        response: { 200: Health },
      },
    },
    async () => app.vigil.health(),
  )
  app.get(
    '/ready',
    {
      schema: {
        tags: ['service'],
        summary: 'Readiness for traffic',
        description: '200 once storage was swept and every worker thread is up; 503 while starting or shutting down. /health stays 200 throughout.',
        response: { 200: Ready, 503: Type.Ref('ErrorResponse') },
      },
    },
    async () => app.vigil.ready(),
  )
  app.get(
    '/algorithms',
    {
      schema: {
        tags: ['service'],
        summary: 'Algorithms and their parameter schemas',
        description: "Every algorithm of the API contract: whether this build has it, whether it learns from labels, and the JSON Schema of its `params` with scikit-learn's defaults.",
        response: { 200: AlgorithmList },
      },
    },
    async () => ({ algorithms: app.vigil.listAlgorithms() }),
  )
}
