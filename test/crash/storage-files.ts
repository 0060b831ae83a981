/**
 * Reading a storage directory straight from disk, without the server: file
 * hashes (to prove committed data is never rewritten), leftovers of
 * interrupted work, and the completeness of every dataset and version.
 * File names come from the store itself, so the checks follow its layout.
 */
import { createHash } from 'node:crypto'
import { readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { TEMP_PREFIX } from '../../src/store/atomic-write.js'
import { DATA_FILE, MANIFEST_FILE, ORIGINAL_PREFIX } from '../../src/store/dataset-manifest.js'

/** Relative path (with `/`) → SHA-256 of the file's bytes. */
export type Snapshot = ReadonlyMap<string, string>

/** The DuckDB scratch directory, emptied at start-up and not part of the data. */
const SCRATCH = 'tmp'

async function entries(dir: string): Promise<{ name: string; isDir: boolean }[]> {
  try {
    const found = await readdir(dir, { withFileTypes: true })
    return found.map((e) => ({ name: e.name, isDir: e.isDirectory() })).sort((a, b) => a.name.localeCompare(b.name))
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw err
  }
}

/** Every file under `storage` except the scratch directory, as relative paths. */
export async function listFiles(storage: string, relative = ''): Promise<string[]> {
  const files: string[] = []
  for (const entry of await entries(path.join(storage, relative))) {
    const rel = relative === '' ? entry.name : `${relative}/${entry.name}`
    if (relative === '' && entry.name === SCRATCH) continue
    if (entry.isDir) files.push(...(await listFiles(storage, rel)))
    else files.push(rel)
  }
  return files
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex')

/**
 * Hash of every file of the datasets and models, for a before/after
 * comparison. Other state the service keeps (a job registry, say) is left
 * out: a restart is allowed to change it.
 */
export async function snapshotStorage(storage: string): Promise<Map<string, string>> {
  const snapshot = new Map<string, string>()
  for (const rel of await listFiles(storage)) {
    if (rel.startsWith('datasets/') || rel.startsWith('models/')) snapshot.set(rel, sha256(await readFile(path.join(storage, rel))))
  }
  return snapshot
}

/** Files of `before` that are missing or changed in `after`. */
export function changedFiles(before: Snapshot, after: Snapshot): string[] {
  const problems: string[] = []
  for (const [rel, hash] of before) {
    const now = after.get(rel)
    if (now === undefined) problems.push(`${rel} existed before the kill and is gone`)
    else if (now !== hash) problems.push(`${rel} changed (sha256 ${hash.slice(0, 12)} → ${now.slice(0, 12)})`)
  }
  return problems
}

/** Files of `after` that `before` did not have. */
export function addedFiles(before: Snapshot, after: Snapshot): string[] {
  return [...after.keys()].filter((rel) => !before.has(rel))
}

/** Every path (file or directory) carrying the temp prefix, outside the scratch directory. */
export async function tempEntries(storage: string, relative = ''): Promise<string[]> {
  const found: string[] = []
  for (const entry of await entries(path.join(storage, relative))) {
    const rel = relative === '' ? entry.name : `${relative}/${entry.name}`
    if (relative === '' && entry.name === SCRATCH) continue
    if (entry.name.startsWith(TEMP_PREFIX)) found.push(rel)
    else if (entry.isDir) found.push(...(await tempEntries(storage, rel)))
  }
  return found
}

/** Model directories without any version (a first training that was interrupted; swept at start-up). */
export async function modelsWithoutVersions(storage: string): Promise<string[]> {
  const orphans: string[] = []
  for (const model of await entries(path.join(storage, 'models'))) {
    if (!model.isDir || model.name.startsWith('.')) continue
    const versions = (await entries(path.join(storage, 'models', model.name, 'versions'))).filter((v) => /^[1-9]\d*$/.test(v.name))
    if (versions.length === 0) orphans.push(model.name)
  }
  return orphans
}

/**
 * Anything in the scratch directory last modified before `since` (epoch ms):
 * the directory is emptied at start-up, so whatever is older than the start
 * survived the sweep. What the new process creates there itself is fine.
 */
export async function staleScratchEntries(storage: string, since: number, relative = SCRATCH): Promise<string[]> {
  const stale: string[] = []
  for (const entry of await entries(path.join(storage, relative))) {
    const rel = `${relative}/${entry.name}`
    const info = await stat(path.join(storage, rel)).catch(() => undefined)
    if (info !== undefined && info.mtimeMs < since) stale.push(rel)
    if (entry.isDir) stale.push(...(await staleScratchEntries(storage, since, rel)))
  }
  return stale
}

export interface DatasetOnDisk {
  readonly id: string
  readonly sha256: string
  readonly rows: number
}

export interface StorageOnDisk {
  readonly datasets: ReadonlyMap<string, DatasetOnDisk>
  /** Model id → version numbers, ascending. */
  readonly models: ReadonlyMap<string, readonly number[]>
  readonly problems: readonly string[]
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

async function readJsonFile(file: string, problems: string[], label: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (err) {
    problems.push(`${label}: cannot read (${(err as NodeJS.ErrnoException).code ?? String(err)})`)
    return undefined
  }
  try {
    return JSON.parse(text) as unknown
  } catch {
    problems.push(`${label}: not valid JSON (${text.length} chars)`)
    return undefined
  }
}

/** Parquet files start and end with the magic bytes PAR1; a truncated copy does not end with them. */
async function checkParquet(file: string, problems: string[], label: string): Promise<void> {
  try {
    const bytes = await readFile(file)
    const magic = 'PAR1'
    if (bytes.length < 12 || bytes.subarray(0, 4).toString('latin1') !== magic || bytes.subarray(-4).toString('latin1') !== magic) {
      problems.push(`${label}: not a complete Parquet file (${bytes.length} bytes)`)
    }
  } catch (err) {
    problems.push(`${label}: cannot read (${(err as NodeJS.ErrnoException).code ?? String(err)})`)
  }
}

async function checkDataset(storage: string, id: string, problems: string[]): Promise<DatasetOnDisk | undefined> {
  const dir = path.join(storage, 'datasets', id)
  const names = (await entries(dir)).map((e) => e.name)
  const meta = await readJsonFile(path.join(dir, MANIFEST_FILE), problems, `datasets/${id}/${MANIFEST_FILE}`)
  if (!isRecord(meta)) {
    if (meta !== undefined) problems.push(`datasets/${id}/${MANIFEST_FILE}: not an object`)
    return undefined
  }
  const digest = meta['sha256']
  const rows = meta['rows']
  const size = meta['size_bytes']
  if (meta['dataset_id'] !== id) problems.push(`datasets/${id}/${MANIFEST_FILE}: dataset_id is ${JSON.stringify(meta['dataset_id'])}`)
  if (typeof digest !== 'string' || typeof rows !== 'number' || typeof size !== 'number') {
    problems.push(`datasets/${id}/${MANIFEST_FILE}: sha256, rows or size_bytes missing`)
    return undefined
  }
  await checkParquet(path.join(dir, DATA_FILE), problems, `datasets/${id}/${DATA_FILE}`)
  const originals = names.filter((n) => n.startsWith(ORIGINAL_PREFIX))
  if (originals.length !== 1) {
    problems.push(`datasets/${id}: expected one ${ORIGINAL_PREFIX}.* file, found ${JSON.stringify(originals)}`)
  } else if (meta['source_dataset_ids'] === undefined) {
    const bytes = await readFile(path.join(dir, originals[0] as string))
    if (bytes.length !== size) problems.push(`datasets/${id}/${originals[0]}: ${bytes.length} bytes, manifest says ${size}`)
    if (sha256(bytes) !== digest) problems.push(`datasets/${id}/${originals[0]}: sha256 differs from the manifest's`)
  }
  return { id, sha256: digest, rows }
}

async function checkModel(storage: string, id: string, problems: string[]): Promise<number[]> {
  const dir = path.join(storage, 'models', id)
  const versionEntries = await entries(path.join(dir, 'versions'))
  const versions: number[] = []
  for (const entry of versionEntries) {
    const label = `models/${id}/versions/${entry.name}`
    if (!/^[1-9]\d*$/.test(entry.name) || !entry.isDir) {
      problems.push(`${label}: not a version directory`)
      continue
    }
    const n = Number(entry.name)
    versions.push(n)
    const files = (await entries(path.join(dir, 'versions', entry.name))).map((e) => e.name)
    const record = await readJsonFile(path.join(dir, 'versions', entry.name, 'version.json'), problems, `${label}/version.json`)
    if (isRecord(record)) {
      if (record['model_id'] !== undefined && record['model_id'] !== id) problems.push(`${label}/version.json: model_id is ${JSON.stringify(record['model_id'])}`)
      if (record['version'] !== undefined && record['version'] !== n) problems.push(`${label}/version.json: version is ${JSON.stringify(record['version'])}`)
    } else if (record !== undefined) problems.push(`${label}/version.json: not an object`)
    const state = await readJsonFile(path.join(dir, 'versions', entry.name, 'state.json'), problems, `${label}/state.json`)
    if (state !== undefined && !isRecord(state)) problems.push(`${label}/state.json: not an object`)
    for (const other of files.filter((f) => f.endsWith('.json') && f !== 'version.json' && f !== 'state.json')) {
      await readJsonFile(path.join(dir, 'versions', entry.name, other), problems, `${label}/${other}`)
    }
  }
  versions.sort((a, b) => a - b)
  if (versions.length === 0) problems.push(`models/${id}: no version (a model directory without versions must not survive a restart)`)
  const aliasFile = path.join(dir, 'aliases.json')
  if ((await stat(aliasFile).catch(() => undefined)) !== undefined) {
    const aliases = await readJsonFile(aliasFile, problems, `models/${id}/aliases.json`)
    if (isRecord(aliases)) {
      for (const [alias, version] of Object.entries(aliases)) {
        if (typeof version !== 'number' || !versions.includes(version)) problems.push(`models/${id}/aliases.json: '${alias}' → ${JSON.stringify(version)}, not a version`)
      }
    } else if (aliases !== undefined) problems.push(`models/${id}/aliases.json: not an object`)
  }
  return versions
}

/** Read the whole storage directory and say what is wrong with it. */
export async function inspectStorage(storage: string): Promise<StorageOnDisk> {
  const problems: string[] = []
  for (const rel of await tempEntries(storage)) problems.push(`${rel}: temp entry left after start-up`)
  const datasets = new Map<string, DatasetOnDisk>()
  for (const entry of await entries(path.join(storage, 'datasets'))) {
    if (entry.name.startsWith('.')) continue // reported above as a temp entry when it is one
    if (!entry.isDir) {
      problems.push(`datasets/${entry.name}: unexpected file`)
      continue
    }
    const dataset = await checkDataset(storage, entry.name, problems)
    if (dataset) datasets.set(entry.name, dataset)
  }
  const models = new Map<string, number[]>()
  for (const entry of await entries(path.join(storage, 'models'))) {
    if (entry.name.startsWith('.')) continue
    if (!entry.isDir) {
      problems.push(`models/${entry.name}: unexpected file`)
      continue
    }
    models.set(entry.name, await checkModel(storage, entry.name, problems))
  }
  // any other JSON kept by the service (a job registry, say) must parse too
  for (const rel of await listFiles(storage)) {
    if (rel.startsWith('datasets/') || rel.startsWith('models/') || !/\.json$/.test(rel)) continue
    await readJsonFile(path.join(storage, rel), problems, rel)
  }
  return { datasets, models, problems }
}

/** True while an upload is in its last stage: a staged dataset directory already holds `file` (the Parquet copy). */
export async function stagedDatasetHas(storage: string, file = DATA_FILE): Promise<boolean> {
  for (const entry of await entries(path.join(storage, 'datasets'))) {
    if (!entry.isDir || !entry.name.startsWith(TEMP_PREFIX)) continue
    if ((await entries(path.join(storage, 'datasets', entry.name))).some((e) => e.name === file)) return true
  }
  return false
}

/** True while a version of `modelId` is being written: its staged directory exists. */
export async function stagedVersionOf(storage: string, modelId: string): Promise<boolean> {
  return (await entries(path.join(storage, 'models', modelId, 'versions'))).some((e) => e.name.startsWith(TEMP_PREFIX))
}
