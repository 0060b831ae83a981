import cors from '@fastify/cors'
import multipart from '@fastify/multipart'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import path from 'node:path'
import type { Config } from './config.js'
import { registerBodyLimits } from './plugins/body-limits.js'
import { clientErrorHandler } from './plugins/client-error-handler.js'
import { frameworkErrors, registerErrorHandler } from './plugins/error-handler.js'
import { registerFiniteNumbers } from './plugins/finite-numbers.js'
import { registerJsonBodyParser } from './plugins/json-body.js'
import { registerMultipartGuard } from './plugins/multipart-guard.js'
import { registerSwagger } from './plugins/swagger.js'
import { createAbuseDetection, type AbuseDetection } from './abuse/create-abuse-detection.js'
import { VigilError } from './errors.js'
import { createIncidents, type Incidents } from './incidents/create-incidents.js'
import { datasetRoutes } from './routes/datasets.js'
import { incidentRoutes } from './routes/incidents.js'
import { monitorRoutes } from './routes/monitors.js'
import { privacyRoutes } from './routes/privacy.js'
import { pxFeedRoutes } from './routes/px-feeds.js'
import { createPxFeeds } from './simulator/px-feed/create-px-feeds.js'
import { createMonitors, type Monitors } from './monitors/monitors.js'
import { jobRoutes } from './routes/jobs.js'
import { localizeRoutes } from './routes/localize.js'
import { modelRoutes } from './routes/models.js'
import { predictionRoutes } from './routes/prediction.js'
import { serviceRoutes } from './routes/service.js'
import { simulatorRoutes } from './routes/simulator.js'
import { trainingRoutes } from './routes/training.js'
import { ErrorResponse } from './schemas/common.js'
import { createServices } from './services/services.js'
import { createVigil, type Vigil } from './services/vigil.js'

declare module 'fastify' {
  interface FastifyInstance {
    vigil: Vigil
    incidents: Incidents
    monitors: Monitors
    abuse: AbuseDetection
  }
}

export interface BuildOptions {
  readonly logger?: FastifyServerOptions['logger']
}

/**
 * The whole service as one Fastify instance: validation settings, error
 * handling, OpenAPI, multipart uploads, the use cases, then the routes.
 * `server.ts` adds only process concerns; tests drive this with `inject()`.
 */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const { limits } = config
  const app = Fastify({
    logger: options.logger ?? false,
    // JSON bodies only; per route in body-limits.ts. Uploads are metered by the multipart plugin below.
    bodyLimit: limits.maxBodyBytes,
    // slow clients are cut with 408 (client-error-handler.ts); Node checks every second rather than every 30
    requestTimeout: limits.requestTimeoutMs,
    http: { headersTimeout: limits.headersTimeoutMs, connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs) },
    clientErrorHandler: clientErrorHandler(limits),
    frameworkErrors,
    requestIdHeader: 'x-request-id',
    ajv: {
      customOptions: {
        // reject unknown fields with a 400 instead of silently dropping them
        removeAdditional: false,
        coerceTypes: 'array',
        useDefaults: true,
        allErrors: false,
      },
    },
  }).withTypeProvider<TypeBoxTypeProvider>()

  const services = await createServices(config, { log: app.log })
  if (services.sweptAtStart > 0) app.log.warn({ removed: services.sweptAtStart }, 'removed leftovers of interrupted writes')
  app.decorate('vigil', createVigil(services))
  app.addHook('onClose', async () => services.close())
  // incidents read a monitor's config (severity, resolve time) from the monitors, created next
  const late: { monitors?: Monitors } = {}
  const incidents = await createIncidents({
    root: path.join(config.storagePath, 'incidents'),
    log: app.log,
    configOf: (name) => late.monitors?.list().find((m) => m.name === name)?.config,
  })
  app.decorate('incidents', incidents)
  // pseudonyms and entity detection plug into every monitor's ingest and engine
  const abuse = await createAbuseDetection({ storageRoot: config.storagePath, pseudonymKey: config.pseudonymKey, incidents, log: app.log })
  app.decorate('abuse', abuse)
  const monitors = await createMonitors({ root: path.join(config.storagePath, 'monitors'), sink: incidents, log: app.log, monitorsFile: config.monitorsFile, extension: abuse.extension })
  late.monitors = monitors
  app.decorate('monitors', monitors)
  const feeds = createPxFeeds({
    target: { assertExists: (name) => void monitors.get(name), ingest: (name, events) => void monitors.ingest(name, events) },
  })
  app.addHook('onClose', async () => {
    await feeds.close()
    await monitors.close()
    await abuse.close()
    await incidents.close()
  })

  app.addSchema(ErrorResponse)
  registerErrorHandler(app)
  registerJsonBodyParser(app, limits.maxJsonDepth)
  registerBodyLimits(app, limits)
  registerMultipartGuard(app)
  registerFiniteNumbers(app)
  // a refusal that says when to come back (a full job queue) carries it as Retry-After too
  app.addHook('onError', async (_request, reply, err) => {
    if (err instanceof VigilError && typeof err.details.retry_after === 'number') reply.header('retry-after', String(err.details.retry_after))
  })
  await registerSwagger(app)
  // @see https://github.com/fastify/fastify-cors (002: "CORS enabled for all origins" by default)
  await app.register(cors, { origin: config.corsOrigin === '*' ? '*' : [...config.corsOrigin] })
  await app.register(multipart, {
    // one byte over the limit so the ingest meter, not the parser, reports the 413
    limits: { fileSize: config.maxUploadBytes + 1, files: 1, fields: 10 },
    throwFileSizeLimit: true,
  })
  await app.register(serviceRoutes)
  await app.register(datasetRoutes)
  await app.register(trainingRoutes)
  await app.register(jobRoutes)
  await app.register(predictionRoutes)
  await app.register(modelRoutes)
  await app.register(simulatorRoutes, { limits: limits.simulator })
  await app.register(monitorRoutes)
  await app.register(pxFeedRoutes, { feeds })
  await app.register(incidentRoutes)
  await app.register(privacyRoutes)
  await app.register(localizeRoutes)
  return app
}
