import { createHash } from 'node:crypto'
import { appendFileSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { buildTestApp, multipart, sampleCsv, type TestApp } from '../helper.js'
import type { FuzzRequest, KnownIds, OpenApiDocument } from './openapi-requests.js'

/** An error body larger than this echoes too much of the request. */
const MAX_ERROR_BODY = 4096

/**
 * The app under fuzzing, with fixtures (a dataset, a model with an alias and
 * the job that trained it) and the invariants checked after every request:
 * no status ≥ 500; every refusal is the project's error body, bounded in
 * size; a refused request leaves storage byte for byte as it was; the
 * fixtures' stored files never change.
 */
export class FuzzSession {
  readonly counts = new Map<number, number>()
  sent = 0
  private digest: string[] = []
  private fixtureFiles: string[] = []

  private constructor(
    readonly t: TestApp,
    readonly known: KnownIds,
    readonly doc: OpenApiDocument,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<FuzzSession> {
    const t = await buildTestApp({ MAX_UPLOAD_SIZE: '2MB', LOG_LEVEL: 'silent', TRAIN_CONCURRENCY: '1', ...env })
    const up = await t.app.inject({ method: 'POST', url: '/upload-dataset', ...multipart('fixture.csv', sampleCsv(200)) })
    const datasetId = up.json<{ dataset_id: string }>().dataset_id
    const trained = await t.app.inject({ method: 'POST', url: `/train/${datasetId}`, payload: { target_column: 'price', model_id: 'fixture' } })
    const modelId = trained.json<{ model_id: string }>().model_id
    await t.app.inject({ method: 'PUT', url: `/models/${modelId}/aliases/prod`, payload: { version: 1 } })
    const jobs = (await t.app.inject({ url: '/jobs' })).json<{ jobs: { job_id: string }[] }>()
    const jobId = jobs.jobs[0]?.job_id ?? 'none'
    const doc = (await t.app.inject({ url: '/docs/json' })).json<OpenApiDocument>()
    const session = new FuzzSession(t, { datasetId, modelId, jobId }, doc)
    session.fixtureFiles = await storageDigest(t.storage)
    session.digest = session.fixtureFiles
    return session
  }

  /** Send one request and check the invariants; throws with the request described. */
  async send(request: FuzzRequest): Promise<void> {
    if (process.env.FUZZ_TRACE) {
      const shown = typeof request.payload === 'string' ? request.payload.slice(0, 4000) : request.payload?.subarray(0, 4000).toString('latin1')
      appendFileSync(process.env.FUZZ_TRACE, `${this.sent} ${request.method} ${request.url.slice(0, 200)} ${JSON.stringify(request.headers)} ${JSON.stringify(shown)} rss=${Math.round(process.memoryUsage().rss / 1e6)}MB\n`)
    }
    const res = await this.t.app.inject({ method: request.method as 'GET', url: request.url, headers: request.headers, payload: request.payload })
    this.sent++
    this.counts.set(res.statusCode, (this.counts.get(res.statusCode) ?? 0) + 1)
    const fail = (why: string): never => {
      const shown = typeof request.payload === 'string' ? request.payload.slice(0, 300) : request.payload?.subarray(0, 300).toString('latin1')
      throw new Error(`${why}\n${request.method} ${request.url.slice(0, 300)} ${JSON.stringify(request.headers)}\npayload: ${shown}\nanswer ${res.statusCode}: ${res.body.slice(0, 500)}`)
    }
    if (res.statusCode >= 500) fail(`status ${res.statusCode}`)
    if (res.statusCode >= 400) {
      if (res.body.length > MAX_ERROR_BODY) fail(`error body of ${res.body.length} characters`)
      let body: { error?: unknown; status_code?: unknown }
      try {
        body = res.json()
      } catch {
        return fail('an error body that is not JSON')
      }
      if (typeof body.error !== 'string' || body.status_code !== res.statusCode) fail("not the project's error body")
      const after = await storageDigest(this.t.storage)
      if (after.join('\n') !== this.digest.join('\n')) fail(`a refused request changed storage:\n${diff(this.digest, after)}`)
    } else {
      await this.settle()
      this.digest = await storageDigest(this.t.storage)
    }
    if (this.sent % 25 === 0) await this.housekeeping()
  }

  /**
   * Let accepted work land before storage is compared: monitors write their
   * aggregates in the background after a 202, and a simulator feed keeps
   * sending events; a later refused request must not be blamed for that.
   */
  private async settle(): Promise<void> {
    const { app } = this.t
    const feeds = (await app.inject({ url: '/simulator/px' })).json<{ feeds: { id: string; state: string }[] }>().feeds
    for (const f of feeds) if (f.state === 'running') await app.inject({ method: 'DELETE', url: `/simulator/px/${f.id}` })
    for (const m of app.monitors.list()) await app.monitors.drain(m.name)
  }

  /** Keep storage small (remove what successful fuzzed requests created), and check that the fixtures never changed. */
  async housekeeping(): Promise<void> {
    const { app } = this.t
    const health = await app.inject({ url: '/health' })
    if (health.statusCode !== 200) throw new Error(`/health answered ${health.statusCode}`)
    await app.inject({ method: 'POST', url: '/simulator/control', payload: { action: 'stop' } })
    const datasets = (await app.inject({ url: '/datasets' })).json<{ datasets: { dataset_id: string }[] }>().datasets
    for (const d of datasets) if (d.dataset_id !== this.known.datasetId) await app.inject({ method: 'DELETE', url: `/datasets/${d.dataset_id}` })
    const models = (await app.inject({ url: '/models' })).json<{ models: { model_id: string }[] }>().models
    for (const m of models) if (m.model_id !== this.known.modelId) await app.inject({ method: 'DELETE', url: `/models/${m.model_id}` })
    await app.inject({ method: 'PUT', url: `/models/${this.known.modelId}/aliases/prod`, payload: { version: 1 } })
    await this.settle()
    for (const m of app.monitors.list()) await app.inject({ method: 'DELETE', url: `/monitors/${m.name}` })
    this.digest = await storageDigest(this.t.storage)
    const missing = this.fixtureFiles.filter((f) => !this.digest.includes(f) && !f.includes('aliases.json') && !f.includes('model.json'))
    if (missing.length > 0) throw new Error(`fixture files changed or disappeared:\n${missing.join('\n')}`)
  }

  async close(): Promise<void> {
    await this.t.app.inject({ method: 'POST', url: '/simulator/control', payload: { action: 'stop' } })
    await this.t.close()
  }
}

/**
 * Every file and directory under the storage root with its size and SHA-256,
 * job records and DuckDB's spill space aside (jobs are written by design; the
 * spill space is scratch). Leftover `.tmp-*` entries count: a refused request
 * must not leave one.
 */
export async function storageDigest(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true })
  const out: string[] = []
  for (const e of entries) {
    const full = path.join(e.parentPath, e.name)
    const rel = path.relative(root, full)
    if (rel === 'tmp' || rel.startsWith(`tmp${path.sep}`) || rel === 'jobs' || rel.startsWith(`jobs${path.sep}`)) continue
    if (e.isDirectory()) out.push(`${rel}/`)
    else if (e.isFile()) {
      const bytes = await readFile(full)
      out.push(`${rel} ${bytes.length} ${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}`)
    }
  }
  return out.sort()
}

function diff(before: readonly string[], after: readonly string[]): string {
  const gone = before.filter((x) => !after.includes(x)).map((x) => `- ${x}`)
  const added = after.filter((x) => !before.includes(x)).map((x) => `+ ${x}`)
  return [...gone, ...added].join('\n')
}
