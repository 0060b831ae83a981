/**
 * Vigil driven in-process through its real HTTP code path (`buildApp` +
 * `inject`): upload a CSV, train a model, score rows with `/predict-batch`.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { MAX_BATCH_ROWS } from '../../src/schemas/predict.js'

/** Rows sent before a chunk as its history: enough for any lag or window (both at most 1000). */
const HISTORY_ROWS = 1000

export type TrainBody = Readonly<Record<string, unknown>>
export type EventRow = Readonly<Record<string, string | number>>

export interface VigilSession {
  upload(filename: string, csv: string): Promise<string>
  train(datasetId: string, body: TrainBody): Promise<string>
  /** One score per row, the rows in time order: the first chunk with an empty history, later ones with the rows before them. */
  score(modelId: string, rows: readonly EventRow[]): Promise<Float64Array>
  deleteModel(modelId: string): Promise<void>
  close(): Promise<void>
}

export async function openSession(): Promise<VigilSession> {
  const storage = await mkdtemp(path.join(tmpdir(), 'vigil-nab-'))
  const app = await buildApp(loadConfig({ MODEL_STORAGE_PATH: storage, LOG_LEVEL: 'silent', MAX_UPLOAD_SIZE: '100MB' }))
  await app.ready()
  return {
    upload: async (filename, csv) => (await call<{ dataset_id: string }>(app, 'POST', '/upload-dataset', multipart(filename, csv))).dataset_id,
    train: async (datasetId, body) => (await call<{ model_id: string }>(app, 'POST', `/train/${datasetId}`, { payload: body })).model_id,
    async score(modelId, rows) {
      const scores = new Float64Array(rows.length)
      for (let start = 0; start < rows.length; start += MAX_BATCH_ROWS) {
        const data = rows.slice(start, start + MAX_BATCH_ROWS)
        const history = rows.slice(Math.max(0, start - HISTORY_ROWS), start)
        const answer = await call<BatchAnswer>(app, 'POST', '/predict-batch', { payload: { model_id: modelId, data, history } })
        for (const r of answer.predictions.results) scores[start + r.index] = r.anomaly_score
      }
      return scores
    },
    async deleteModel(modelId) {
      await call(app, 'DELETE', `/models/${modelId}`, {})
    },
    async close() {
      await app.close()
      await rm(storage, { recursive: true, force: true })
    },
  }
}

interface BatchAnswer {
  predictions: { results: { index: number; anomaly_score: number }[] }
}

interface Request {
  payload?: string | Buffer | object
  headers?: Record<string, string>
}

async function call<T>(app: FastifyInstance, method: 'POST' | 'DELETE', url: string, request: Request): Promise<T> {
  const res = await app.inject({ method, url, ...request })
  if (res.statusCode >= 300) throw new Error(`${method} ${url} answered ${res.statusCode}: ${res.body.slice(0, 500)}`)
  return res.json<T>()
}

/** A multipart/form-data body with one file field `file` (as test/helper.ts builds it). */
function multipart(filename: string, content: string): Required<Request> {
  const boundary = `----vigilnab${Math.random().toString(16).slice(2)}`
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`
  return {
    payload: Buffer.concat([Buffer.from(head), Buffer.from(content), Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  }
}
