import { randomUUID } from 'node:crypto'
import { mkdir, readdir, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import { NotFoundError } from '../errors.js'
import { DATA_FILE, MANIFEST_FILE, type DatasetManifest } from './dataset-manifest.js'
import { assertId } from './ids.js'
import { hasCode, readJson } from './read-json.js'
import { TEMP_PREFIX, fsyncDir, writeJsonAtomic } from './atomic-write.js'

/**
 * File-backed dataset store. A dataset is a directory `datasets/<id>/` that
 * appears in one rename, complete with its data and manifest, and is never
 * modified afterwards.
 */
export interface DatasetStore {
  readonly root: string
  /** Stage a new dataset: fill the returned directory, then call `commit`. */
  stage(): Promise<StagedDataset>
  list(): Promise<DatasetManifest[]>
  get(id: string): Promise<DatasetManifest>
  /** Path of the canonical Parquet copy that training reads. */
  dataFile(id: string): string
  delete(id: string): Promise<void>
}

export interface StagedDataset {
  readonly id: string
  readonly dir: string
  commit(manifest: DatasetManifest): Promise<void>
  discard(): Promise<void>
}

export async function createDatasetStore(root: string): Promise<DatasetStore> {
  await mkdir(root, { recursive: true })
  const dirOf = (id: string): string => {
    assertId('dataset_id', id)
    return path.join(root, id)
  }
  const get = async (id: string): Promise<DatasetManifest> => {
    const manifest = await readJson(path.join(dirOf(id), MANIFEST_FILE))
    if (manifest === undefined) throw new NotFoundError(`dataset '${id}' not found`, { field: 'dataset_id', value: id })
    return manifest as DatasetManifest
  }
  return {
    root,
    async stage() {
      const id = randomUUID()
      const dir = path.join(root, `${TEMP_PREFIX}${id}`)
      await mkdir(dir)
      return {
        id,
        dir,
        async commit(manifest) {
          await writeJsonAtomic(path.join(dir, MANIFEST_FILE), manifest)
          await rename(dir, path.join(root, id))
          await fsyncDir(root)
        },
        discard: () => rm(dir, { recursive: true, force: true }),
      }
    },
    async list() {
      const entries = await readdir(root, { withFileTypes: true })
      const manifests = await Promise.all(
        entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => readJson(path.join(root, e.name, MANIFEST_FILE))),
      )
      return (manifests.filter((m) => m !== undefined) as DatasetManifest[]).sort((a, b) => a.created_at.localeCompare(b.created_at))
    },
    get,
    dataFile: (id) => path.join(dirOf(id), DATA_FILE),
    async delete(id) {
      await get(id)
      // rename first so the dataset disappears in one step, then remove at leisure
      const trash = path.join(root, `${TEMP_PREFIX}deleted-${id}-${Date.now()}`)
      try {
        await rename(dirOf(id), trash)
      } catch (err) {
        // another request deleted it between our read and our rename
        if (hasCode(err, 'ENOENT')) throw new NotFoundError(`dataset '${id}' not found`, { field: 'dataset_id', value: id })
        throw err
      }
      await rm(trash, { recursive: true, force: true })
    },
  }
}
