import { mkdir, readdir, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import { ConflictError, NotFoundError } from '../errors.js'
import { TEMP_PREFIX, tempPathFor, writeJsonAtomic } from './atomic-write.js'
import { assertId } from './ids.js'
import type { Aliases, StoredState, VersionRecord } from './model-records.js'
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
 * has at least one version.
 */
export interface ModelStore {
  listModels(): Promise<string[]>
  exists(id: string): Promise<boolean>
  /** Version numbers, ascending; 404 when the model has none. */
  listVersions(id: string): Promise<number[]>
  /** Store a new version; `build` receives the allocated number. */
  createVersion(id: string, build: (version: number) => { record: VersionRecord; state: StoredState }): Promise<VersionRecord>
  readVersion(id: string, version: number): Promise<VersionRecord>
  readState(id: string, version: number): Promise<StoredState>
  readAliases(id: string): Promise<Aliases>
  setAlias(id: string, alias: string, version: number): Promise<Aliases>
  deleteAlias(id: string, alias: string): Promise<Aliases>
  deleteModel(id: string): Promise<void>
}

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
  // alias writes are read-modify-write: serialise them per model within this process
  const aliasLocks = new Map<string, Promise<unknown>>()
  const withAliasLock = <T>(id: string, work: () => Promise<T>): Promise<T> => {
    const previous = aliasLocks.get(id) ?? Promise.resolve()
    const next = previous.then(work, work)
    aliasLocks.set(id, next.catch(() => undefined))
    return next
  }

  async function listVersions(id: string): Promise<number[]> {
    let names: string[]
    try {
      names = await readdir(versionsDir(id))
    } catch (err) {
      if (hasCode(err, 'ENOENT', 'ENOTDIR')) throw new NotFoundError(`model '${id}' not found`, { field: 'model_id', value: id })
      throw err
    }
    const versions = names.filter((n) => /^[1-9]\d*$/.test(n)).map(Number).sort((a, b) => a - b)
    if (versions.length === 0) throw new NotFoundError(`model '${id}' not found`, { field: 'model_id', value: id })
    return versions
  }

  async function readAliases(id: string): Promise<Aliases> {
    await listVersions(id)
    return ((await readJson(path.join(modelDir(id), ALIASES_FILE))) as Aliases | undefined) ?? {}
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
    listVersions,
    async createVersion(id, build) {
      const dir = versionsDir(id)
      await mkdir(dir, { recursive: true })
      const existing = await listVersions(id).catch(() => [] as number[])
      let version = (existing[existing.length - 1] ?? 0) + 1
      // write the whole version in a temp directory, then claim the number with one rename;
      // a taken number (ENOTEMPTY/EEXIST: the target is a non-empty directory) means try the next
      for (;;) {
        const { record, state } = build(version)
        const temp = tempPathFor(path.join(dir, String(version)))
        await mkdir(temp)
        try {
          await writeJsonAtomic(path.join(temp, STATE_FILE), state)
          await writeJsonAtomic(path.join(temp, VERSION_FILE), record)
          await rename(temp, path.join(dir, String(version)))
          return record
        } catch (err) {
          await rm(temp, { recursive: true, force: true })
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
      return state as StoredState
    },
    readAliases,
    setAlias: (id, alias, version) =>
      withAliasLock(id, async () => {
        const aliases = { ...(await readAliases(id)), [alias]: version }
        await writeJsonAtomic(path.join(modelDir(id), ALIASES_FILE), aliases)
        return aliases
      }),
    deleteAlias: (id, alias) =>
      withAliasLock(id, async () => {
        const current = await readAliases(id)
        if (!(alias in current)) throw new NotFoundError(`model '${id}' has no alias '${alias}'`, { field: 'alias', value: alias })
        const aliases = Object.fromEntries(Object.entries(current).filter(([name]) => name !== alias))
        await writeJsonAtomic(path.join(modelDir(id), ALIASES_FILE), aliases)
        return aliases
      }),
    async deleteModel(id) {
      await listVersions(id)
      const trash = path.join(root, `${TEMP_PREFIX}deleted-${id}-${Date.now()}`)
      try {
        await rename(modelDir(id), trash)
      } catch (err) {
        if (hasCode(err, 'ENOENT')) throw new ConflictError(`model '${id}' was deleted by another request`, { field: 'model_id', value: id })
        throw err
      }
      await rm(trash, { recursive: true, force: true })
    },
  }
}
