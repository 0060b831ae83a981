import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import { APP_VERSION } from '../app-version.js'

/**
 * OpenAPI document generated from the routes' TypeBox schemas, served at
 * /docs/json, with Swagger UI at /docs.
 * @see https://github.com/fastify/fastify-swagger
 * @see https://github.com/fastify/fastify-swagger-ui
 */
export async function registerSwagger(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
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
        { name: 'incidents', description: 'Regressions found by the monitors: list, read, acknowledge, resolve' },
        { name: 'localize', description: 'Root causes of a deviation at one time point (offline localisation)' },
      ],
    },
  })
  await app.register(swaggerUi, { routePrefix: '/docs' })
}
