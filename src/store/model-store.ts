import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { ConflictError, NotFoundError, VigilError } from '../errors.js'
import { TEMP_PREFIX, fsyncDir, tempPathFor, writeJsonAtomic } from './atomic-write.js'
import { assertId } from './ids.js'
import { assertStoredState } from './assert-stored-state.js'
import type { Aliases, StoredEvaluation, StoredState, VersionRecord } from './model-records.js'
import { hasCode, readJson } from './read-json.js'

/**
 * File-backed model registry (MLflow's concepts): a model is a directory of
 * immutable numbered versions plus movable aliases.
 *
 *   models/<id>/versions/<n>/version.json   record and lineage
 *   models/<id>/versions/<n>/state.json     what scoring needs
 *   models/<id>/aliases.json                { "production": 3 }
 *
 * A version directory appears in one rename, complete; a model exists while it
 * has at least one version. Version lists and aliases are cached in memory
 * (one process owns a storage directory), so a prediction reads no directory.
 */
export interface ModelStore {
  listModels(): Promise<string[]>
  exists(id: string): Promise<boolean>
  /** Reserve a new model id; 409 if it exists or another request is creating it. */
  claim(id: string): Promise<void>
  /** Give back a claimed id whose first training failed. */
  release(id: string): Promise<void>
  /** Version numbers, ascending; 404 when the model has none. */
  listVersions(id: string): Promise<number[]>
  /** Store a new version; `build` receives the allocated number (state as objects, or already serialised). */
  createVersion(id: string, build: (version: number) => NewVersion | SerializedVersion): Promise<VersionRecord>
  readVersion(id: string, version: number): Promise<VersionRecord>
  readState(id: string, version: number): Promise<StoredState>
  /** The version's labelled evaluation, or undefined when it was trained without labels. */
  readEvaluation(id: string, version: number): Promise<StoredEvaluation | undefined>
  readAliases(id: string): Promise<Aliases>
  setAlias(id: string, alias: string, version: number): Promise<Aliases>
  deleteAlias(id: string, alias: string): Promise<Aliases>
  deleteModel(id: string): Promise<void>
}

/** What one version is made of: its record, its state and, when trained with labels, its evaluation. */
export interface NewVersion {
  readonly record: VersionRecord
  readonly state: StoredState
  readonly evaluation?: StoredEvaluation | undefined
}

/**
 * A version whose large files were serialised elsewhere (a training worker),
 * so the thread committing it never stringifies a model: the exact text of
 * `state.json` and `evaluation.json`.
 */
export interface SerializedVersion {
  readonly record: VersionRecord
  readonly stateJson: string
  readonly evaluationJson?: string | undefined
}

const EVALUATION_FILE = 'evaluation.json'
const VERSION_FILE = 'version.json'
const STATE_FILE = 'state.json'
const ALIASES_FILE = 'aliases.json'

export async function createModelStore(root: string): Promise<ModelStore> {
  await mkdir(root, { recursive: true })
  const modelDir = (id: string): string => {
    assertId('model_id', id)
    return path.join(root, id)
  }
  const versionsDir = (id: string): string => path.join(modelDir(id), 'versions')
  const notFound = (id: string): NotFoundError => new NotFoundError(`model '${id}' not found`, { field: 'model_id', value: id })
  const versionCache = new Map<string, number[]>()
  const aliasCache = new Map<string, Aliases>()
  // per-model serialisation of read-modify-write operations (aliases, deletion)
  const locks = new Map<string, Promise<unknown>>()
  const withLock = <T>(id: string, work: () => Promise<T>): Promise<T> => {
    const next = (locks.get(id) ?? Promise.resolve()).then(work, work)
    locks.set(id, next.catch(() => undefined))
    return next
  }

  async function listVersions(id: string): Promise<number[]> {
    const cached = versionCache.get(id)
    if (cached) return [...cached]
    let names: string[]
    try {
      names = await readdir(versionsDir(id))
    } catch (err) {
      if (hasCode(err, 'ENOENT', 'ENOTDIR')) throw notFound(id)
      throw err
    }
    const versions = names.filter((n) => /^[1-9]\d*$/.test(n)).map(Number).sort((a, b) => a - b)
    if (versions.length === 0) throw notFound(id)
    versionCache.set(id, versions)
    return [...versions]
  }

  async function readAliases(id: string): Promise<Aliases> {
    await listVersions(id)
    const cached = aliasCache.get(id)
    if (cached) return cached
    const aliases = ((await readJson(path.join(modelDir(id), ALIASES_FILE))) as Aliases | undefined) ?? {}
    aliasCache.set(id, aliases)
    return aliases
  }

  async function writeAliases(id: string, aliases: Aliases): Promise<Aliases> {
    await writeJsonAtomic(path.join(modelDir(id), ALIASES_FILE), aliases)
    aliasCache.set(id, aliases)
    return aliases
  }

  return {
    async listModels() {
      const entries = await readdir(root, { withFileTypes: true })
      const ids = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name)
      const present = await Promise.all(ids.map((id) => listVersions(id).then(() => true, () => false)))
      return ids.filter((_, i) => present[i]).sort()
    },
    async exists(id) {
      return listVersions(id).then(
        () => true,
        (err: unknown) => {
          if (err instanceof NotFoundError) return false
          throw err
        },
      )
    },
    async claim(id) {
      try {
        await mkdir(modelDir(id))
      } catch (err) {
        if (!hasCode(err, 'EEXIST')) throw err
        const exists = await listVersions(id).then(() => true, () => false)
        throw new ConflictError(
          exists
            ? `model '${id}' already exists; retrain it with POST /models/${id}/retrain/{dataset_id}`
            : `model '${id}' is being created by another request`,
          { field: 'model_id', value: id },
        )
      }
    },
    async release(id) {
      versionCache.delete(id)
      await rm(modelDir(id), { recursive: true, force: true })
    },
    listVersions,
    async createVersion(id, build) {
      const dir = versionsDir(id)
      try {
        await mkdir(dir)
      } catch (err) {
        // ENOENT: the model directory itself is gone (deleted while we trained)
        if (hasCode(err, 'ENOENT')) throw new NotFoundError(`model '${id}' was deleted during training`, { field: 'model_id', value: id })
        if (!hasCode(err, 'EEXIST')) throw err
      }
      const existing = await listVersions(id).catch(() => [] as number[])
      let version = (existing[existing.length - 1] ?? 0) + 1
      // write the whole version in a temp directory (plain writes: nobody reads it yet),
      // then claim the number with one rename; a taken number means try the next
      for (;;) {
        const built = build(version)
        const { record } = built
        const { stateJson, evaluationJson } = 'stateJson' in built ? built : serialize(built)
        const temp = tempPathFor(path.join(dir, String(version)))
        try {
          await mkdir(temp)
          await writeFile(path.join(temp, STATE_FILE), stateJson, { flush: true })
          if (evaluationJson !== undefined) await writeFile(path.join(temp, EVALUATION_FILE), evaluationJson, { flush: true })
          await writeFile(path.join(temp, VERSION_FILE), `${JSON.stringify(record, null, 2)}\n`, { flush: true })
          await rename(temp, path.join(dir, String(version)))
          await fsyncDir(dir)
          const cached = versionCache.get(id)
          versionCache.set(id, [...new Set([...(cached ?? existing), version])].sort((a, b) => a - b))
          return record
        } catch (err) {
          await rm(temp, { recursive: true, force: true })
          if (hasCode(err, 'ENOENT')) throw new NotFoundError(`model '${id}' was deleted during training`, { field: 'model_id', value: id })
          if (!hasCode(err, 'ENOTEMPTY', 'EEXIST')) throw err
          version++
        }
      }
    },
    async readVersion(id, version) {
      const record = await readJson(path.join(versionsDir(id), String(version), VERSION_FILE))
      if (record === undefined) {
        await listVersions(id)
        throw new NotFoundError(`model '${id}' has no version ${version}`, { field: 'version', value: version })
      }
      return record as VersionRecord
    },
    async readState(id, version) {
      const state = await readJson(path.join(versionsDir(id), String(version), STATE_FILE))
      if (state === undefined) throw new NotFoundError(`model '${id}' has no version ${version}`, { field: 'version', value: version })
      assertStoredState(state, `${id}@${version}`)
      return state
    },
    async readEvaluation(id, version) {
      await listVersions(id)
      return (await readJson(path.join(versionsDir(id), String(version), EVALUATION_FILE))) as StoredEvaluation | undefined
    },
    readAliases,
    setAlias: (id, alias, version) => withLock(id, async () => writeAliases(id, { ...(await readAliases(id)), [alias]: version })),
    deleteAlias: (id, alias) =>
      withLock(id, async () => {
        const current = await readAliases(id)
        if (!(alias in current)) throw new NotFoundError(`model '${id}' has no alias '${alias}'`, { field: 'alias', value: alias })
        return writeAliases(id, Object.fromEntries(Object.entries(current).filter(([name]) => name !== alias)))
      }),
    deleteModel: (id) =>
      withLock(id, async () => {
        await listVersions(id)
        const trash = path.join(root, `${TEMP_PREFIX}deleted-${id}-${Date.now()}`)
        try {
          await rename(modelDir(id), trash)
        } catch (err) {
          if (hasCode(err, 'ENOENT')) throw notFound(id)
          throw err
        } finally {
          versionCache.delete(id)
          aliasCache.delete(id)
        }
        await rm(trash, { recursive: true, force: true })
      }),
  }
}

function serialize(v: NewVersion): { stateJson: string; evaluationJson: string | undefined } {
  // JSON would write a non-finite threshold as null: a version nobody could load again
  const calibration: unknown = v.state.calibration
  const threshold = calibration !== null && typeof calibration === 'object' && 'threshold' in calibration ? calibration.threshold : undefined
  if (typeof threshold === 'number' && !Number.isFinite(threshold)) throw new VigilError(500, `refusing to store a version whose threshold is ${threshold}, not a finite number`)
  return { stateJson: JSON.stringify(v.state), evaluationJson: v.evaluation ? JSON.stringify(v.evaluation) : undefined }
}
