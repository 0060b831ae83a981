import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import { APP_VERSION } from '../app-version.js'
import { finishOpenApi } from './openapi-document.js'

/**
 * OpenAPI document generated from the routes' TypeBox schemas, served at
 * /docs/json and /openapi.json, with Swagger UI at /docs. Shared schemas
 * keep their `$id` as their component name; `finishOpenApi` names the
 * titled ones and documents every error response.
 * @see https://github.com/fastify/fastify-swagger
 * @see https://github.com/fastify/fastify-swagger-ui
 */
export async function registerSwagger(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
    transformObject: (documents) => ('openapiObject' in documents ? finishOpenApi(documents.openapiObject) : documents.swaggerObject),
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Vigil anomaly detection API',
        version: APP_VERSION,
        description:
          'Upload datasets, train versioned anomaly-detection models, and score single rows or batches. Scores: higher = more anomalous; is_anomaly = score above the stored threshold.',
      },
      tags: [
        { name: 'datasets', description: 'Immutable datasets: upload, inspect, delete' },
        { name: 'training', description: 'Train, retrain and combine' },
        { name: 'prediction', description: 'Score rows with a model version' },
        { name: 'models', description: 'Registry: models, versions, aliases' },
        { name: 'service', description: 'Health and discovery' },
        { name: 'jobs', description: 'Every training runs as a job: follow, list, cancel' },
        { name: 'simulator', description: 'Labelled synthetic data: banking logs (004) and PX request traffic' },
        { name: 'monitors', description: 'Regression monitors over request events (003)' },
        { name: 'incidents', description: 'Regressions found by the monitors: list, read, acknowledge, resolve' },
        { name: 'localize', description: 'Root causes of a deviation at one time point (offline localisation)' },
        { name: 'privacy', description: 'Pseudonyms of personal fields and erasure of an entity (GDPR)' },
      ],
    },
  })
  await app.register(swaggerUi, { routePrefix: '/docs' })
  // the name most tools look for first; the same document as /docs/json
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
}
