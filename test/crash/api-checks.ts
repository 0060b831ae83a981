/**
 * The service's own view of a storage directory after a restart must match
 * the files: every dataset listed reads back with the right digest and row
 * count, every model and version listed loads and scores a row.
 */
import { answered, requestJson } from './http-client.js'
import type { StorageOnDisk } from './storage-files.js'

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

const sameSet = (a: Iterable<string>, b: Iterable<string>): boolean => {
  const left = [...a].sort()
  const right = [...b].sort()
  return left.length === right.length && left.every((v, i) => v === right[i])
}

export interface ApiExpectations {
  /** sha256 of every upload ever sent → the row count it must have. */
  readonly uploads: ReadonlyMap<string, number>
  /** A row every model can score. */
  readonly row: Readonly<Record<string, unknown>>
}

export async function checkThroughApi(baseUrl: string, disk: StorageOnDisk, expected: ApiExpectations): Promise<string[]> {
  const problems: string[] = []
  const get = async (route: string): Promise<Record<string, unknown> | undefined> => {
    const outcome = await requestJson(baseUrl, 'GET', route)
    if (!answered(outcome) || outcome.status !== 200 || !isRecord(outcome.body)) {
      problems.push(`GET ${route}: ${answered(outcome) ? `${outcome.status} ${JSON.stringify(outcome.body).slice(0, 300)}` : outcome.error}`)
      return undefined
    }
    return outcome.body
  }

  const datasetList = await get('/datasets')
  const listed = Array.isArray(datasetList?.['datasets']) ? (datasetList['datasets'] as unknown[]).filter(isRecord) : []
  const listedIds = listed.map((d) => String(d['dataset_id']))
  if (!sameSet(listedIds, disk.datasets.keys())) {
    problems.push(`GET /datasets lists ${JSON.stringify(listedIds.sort())}, storage has ${JSON.stringify([...disk.datasets.keys()].sort())}`)
  }
  for (const id of listedIds) {
    const dataset = await get(`/datasets/${id}`)
    if (dataset === undefined) continue
    const onDisk = disk.datasets.get(id)
    const rows = dataset['rows']
    const digest = dataset['sha256']
    if (onDisk !== undefined && (digest !== onDisk.sha256 || rows !== onDisk.rows)) {
      problems.push(`dataset ${id}: API says ${String(rows)} rows / ${String(digest)}, storage says ${onDisk.rows} / ${onDisk.sha256}`)
    }
    const expectedRows = typeof digest === 'string' ? expected.uploads.get(digest) : undefined
    if (expectedRows === undefined) problems.push(`dataset ${id}: sha256 ${String(digest)} is none of the uploads sent`)
    else if (rows !== expectedRows) problems.push(`dataset ${id}: ${String(rows)} rows, the upload has ${expectedRows}`)
  }

  const modelList = await get('/models')
  const models = Array.isArray(modelList?.['models']) ? (modelList['models'] as unknown[]).filter(isRecord) : []
  const modelIds = models.map((m) => String(m['model_id']))
  if (!sameSet(modelIds, disk.models.keys())) {
    problems.push(`GET /models lists ${JSON.stringify(modelIds.sort())}, storage has ${JSON.stringify([...disk.models.keys()].sort())}`)
  }
  for (const id of modelIds) {
    const versionList = await get(`/models/${id}/versions`)
    if (versionList === undefined) continue
    const records = Array.isArray(versionList['versions']) ? (versionList['versions'] as unknown[]).filter(isRecord) : []
    const versions = records.map((r) => Number(r['version'])).sort((a, b) => a - b)
    const onDisk = disk.models.get(id) ?? []
    if (versions.join(',') !== onDisk.join(',')) problems.push(`model ${id}: API lists versions [${versions.join(', ')}], storage has [${onDisk.join(', ')}]`)
    for (const version of versions) {
      const outcome = await requestJson(baseUrl, 'POST', '/predict', { model_id: id, version, data: expected.row, explain: false })
      const score = answered(outcome) && isRecord(outcome.body) && isRecord(outcome.body['prediction']) ? outcome.body['prediction']['anomaly_score'] : undefined
      if (!answered(outcome) || outcome.status !== 200 || typeof score !== 'number' || !Number.isFinite(score)) {
        problems.push(`POST /predict ${id}@${version}: ${answered(outcome) ? `${outcome.status} ${JSON.stringify(outcome.body).slice(0, 300)}` : outcome.error}`)
      }
    }
  }
  return problems
}
