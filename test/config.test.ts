import { describe, expect, it } from 'vitest'
import { formatByteSize, parseByteSize } from '../src/byte-size.js'
import { loadConfig } from '../src/config.js'

describe('config', () => {
  it('defaults to 002 values', () => {
    const c = loadConfig({})
    expect(c).toMatchObject({ host: '0.0.0.0', port: 8000, logLevel: 'info', maxUploadBytes: 100 * 1024 * 1024 })
    expect(c.storagePath.endsWith('storage')).toBe(true)
  })

  it('reads 002 variables, including Python-style log levels', () => {
    const c = loadConfig({ MODEL_STORAGE_PATH: '/data/models', LOG_LEVEL: 'WARNING', MAX_UPLOAD_SIZE: '5MB', PORT: '9000' })
    expect(c).toMatchObject({ storagePath: '/data/models', logLevel: 'warn', maxUploadBytes: 5 * 1024 * 1024, port: 9000 })
  })

  it('refuses bad values naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT must be a whole number from 0 to 65535; got 'eighty'/)
    expect(() => loadConfig({ MAX_UPLOAD_SIZE: 'lots' })).toThrow(/MAX_UPLOAD_SIZE must look like/)
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL must be one of/)
    expect(() => loadConfig({ WORKER_SCHEDULER: 'realtime' })).toThrow(/WORKER_SCHEDULER must be one of idle, normal; got 'realtime'/)
  })

  it('runs worker threads at SCHED_IDLE and nice 10 unless told otherwise', () => {
    expect(loadConfig({})).toMatchObject({ workerScheduler: 'idle', workerNice: 10 })
    expect(loadConfig({ WORKER_SCHEDULER: 'NORMAL', WORKER_NICE: '0' })).toMatchObject({ workerScheduler: 'normal', workerNice: 0 })
  })

  it('parses and formats byte sizes', () => {
    expect(parseByteSize('512kb', 'X')).toBe(524288)
    expect(parseByteSize('1.5GB', 'X')).toBe(1610612736)
    expect(parseByteSize('1000', 'X')).toBe(1000)
    expect(formatByteSize(100 * 1024 * 1024)).toBe('100 MB')
  })

  it('has safe limits by default, each settable and checked', () => {
    expect(loadConfig({}).limits).toMatchObject({
      maxBodyBytes: 1024 * 1024,
      maxBatchBodyBytes: 64 * 1024 * 1024,
      maxBatchRows: 100_000,
      maxJsonDepth: 64,
      maxColumns: 2000,
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 60_000,
      simulator: { maxRate: 1000, maxStreams: 4, streamBufferBytes: 256 * 1024, stallTimeoutMs: 10_000 },
    })
    const c = loadConfig({ MAX_BODY_SIZE: '64KB', MAX_COLUMNS: '50', SIMULATOR_MAX_STREAMS: '0', SIMULATOR_STREAM_BUFFER: '1MB' }).limits
    expect(c).toMatchObject({ maxBodyBytes: 65536, maxColumns: 50, simulator: { maxStreams: 0, streamBufferBytes: 1024 * 1024 } })
    expect(() => loadConfig({ MAX_JSON_DEPTH: '100000' })).toThrow(/MAX_JSON_DEPTH must be a whole number from 2 to 256; got '100000'/)
    expect(() => loadConfig({ MAX_BATCH_ROWS: '200000' })).toThrow(/MAX_BATCH_ROWS must be a whole number from 1 to 100000/)
    expect(() => loadConfig({ HEADERS_TIMEOUT_MS: '5000', REQUEST_TIMEOUT_MS: '1000' })).toThrow(/REQUEST_TIMEOUT_MS \(1000\) must be at least HEADERS_TIMEOUT_MS \(5000\)/)
  })
})
