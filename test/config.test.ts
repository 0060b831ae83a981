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
})
