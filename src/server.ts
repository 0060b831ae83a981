import { buildApp } from './app.js'
import { loadConfig } from './config.js'
import { idleBackgroundThreads } from './workers/idle-scheduling.js'

/**
 * Process entry: configuration, logging, listen, and a graceful shutdown on
 * SIGINT/SIGTERM: /ready turns 503 and no job is accepted, running jobs get
 * SHUTDOWN_GRACE_MS to finish, the rest are cancelled ("server shutting down"),
 * then the server, the worker threads and DuckDB close and the process exits 0.
 */
const config = loadConfig()
// before anything else starts threads: V8's compiler threads yield like the training workers (idle-scheduling.ts)
const background = config.workerScheduler === 'idle' ? await idleBackgroundThreads() : undefined
const app = await buildApp(config, {
  logger: {
    level: config.logLevel,
    // pretty lines for a person at a terminal, JSON for log collectors
    ...(process.stdout.isTTY ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } } : {}),
  },
})

/** After the grace period, closing connections and workers gets this long before the process exits anyway. */
const CLOSE_MARGIN_MS = 1500

let closing = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return
    closing = true
    app.log.info({ signal, grace_ms: config.shutdownGraceMs }, 'shutting down: finishing running jobs')
    // a stream or request that never ends must not keep a container past its stop timeout
    setTimeout(() => {
      app.log.warn('shutdown took too long; exiting')
      process.exit(0)
    }, config.shutdownGraceMs + CLOSE_MARGIN_MS).unref()
    app.vigil
      .drain(config.shutdownGraceMs)
      .then(() => app.close())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          app.log.error({ err }, 'error while shutting down')
          process.exit(1)
        },
      )
  })
}

if (background && 'idled' in background) app.log.info({ threads: background.idled }, 'V8 platform threads run SCHED_IDLE (WORKER_SCHEDULER=idle)')
else if (background) app.log.info({ reason: background.skipped }, 'V8 platform threads keep their normal priority')
await app.listen({ host: config.host, port: config.port })
app.log.info(`Vigil ${config.storagePath} · docs at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}/docs`)
