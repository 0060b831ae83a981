import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'

export interface TestApp {
  readonly app: FastifyInstance
  readonly storage: string
  close(): Promise<void>
}

/** The real app on a fresh temporary storage directory. */
export async function buildTestApp(env: Record<string, string> = {}, storage?: string): Promise<TestApp> {
  const dir = storage ?? (await mkdtemp(path.join(tmpdir(), 'vigil-test-')))
  const app = await buildApp(loadConfig({ MODEL_STORAGE_PATH: dir, ...env }))
  await app.ready()
  return {
    app,
    storage: dir,
    async close() {
      await app.close()
      if (!storage) await rm(dir, { recursive: true, force: true })
    },
  }
}

/** A multipart/form-data body with one file field, for `inject()`. */
export function multipart(filename: string, content: string | Buffer, field = 'file'): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----vigil${Math.random().toString(16).slice(2)}`
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`)
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  return {
    payload: Buffer.concat([head, Buffer.isBuffer(content) ? content : Buffer.from(content), tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  }
}

/** A seeded CSV like 002's examples: price/volume/amount with ~5% planted anomalies marked in is_anomaly. */
export function sampleCsv(rows = 400, seed = 7): string {
  let s = seed
  const rand = (): number => {
    s = (s * 1664525 + 1013904223) % 4294967296
    return s / 4294967296
  }
  const gauss = (): number => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand())
  const lines = ['timestamp,price,volume,amount,is_anomaly']
  for (let i = 0; i < rows; i++) {
    const anomaly = i % 20 === 7 ? 1 : 0
    const price = 100 + 5 * gauss() + (anomaly ? 80 : 0)
    const volume = Math.round(1000 + 80 * gauss())
    const amount = Math.round(10000 + 500 * gauss())
    const ts = new Date(Date.UTC(2024, 0, 1, i)).toISOString()
    lines.push(`${ts},${price.toFixed(2)},${volume},${amount},${anomaly}`)
  }
  return `${lines.join('\n')}\n`
}

/** Names of everything under the storage root, to prove a request wrote nothing (job records, kept for every training, aside). */
export async function storageSnapshot(dir: string): Promise<string[]> {
  const { readdir } = await import('node:fs/promises')
  const entries = await readdir(dir, { recursive: true })
  return entries.filter((e) => !e.startsWith('tmp') && !e.startsWith('jobs')).sort()
}
