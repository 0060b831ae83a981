import { buildApp } from './app.js'
import { loadConfig } from './config.js'

/** Process entry: configuration, logging, listen, and a clean shutdown on SIGINT/SIGTERM. */
const config = loadConfig()
const app = await buildApp(config, {
  logger: {
    level: config.logLevel,
    // pretty lines for a person at a terminal, JSON for log collectors
    ...(process.stdout.isTTY ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } } : {}),
  },
})

let closing = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'shutting down')
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'error while shutting down')
        process.exit(1)
      },
    )
  })
}

await app.listen({ host: config.host, port: config.port })
app.log.info(`Vigil ${config.storagePath} · docs at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}/docs`)
