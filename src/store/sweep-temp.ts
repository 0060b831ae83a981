import { readdir, rm } from 'node:fs/promises'
import path from 'node:path'
import { TEMP_PREFIX } from './atomic-write.js'

/**
 * Remove leftovers of work interrupted by a crash: temp files and staged
 * directories (dot-tmp prefix) under the dataset root and inside every model,
 * and model directories left without any version.
 * Returns how many were removed.
 */
export async function sweepTemp(datasetsRoot: string, modelsRoot: string, scratch: string): Promise<number> {
  let removed = 0
  const sweep = async (dir: string): Promise<void> => {
    const entries = await readdir(dir).catch(() => [] as string[])
    for (const name of entries) {
      if (name.startsWith(TEMP_PREFIX)) {
        await rm(path.join(dir, name), { recursive: true, force: true })
        removed++
      }
    }
  }
  await sweep(datasetsRoot)
  await sweep(modelsRoot)
  for (const model of await readdir(modelsRoot).catch(() => [] as string[])) {
    await sweep(path.join(modelsRoot, model))
    await sweep(path.join(modelsRoot, model, 'versions'))
    // a model claimed by a training that never finished has no version: give the id back
    const versions = await readdir(path.join(modelsRoot, model, 'versions')).catch(() => [] as string[])
    if (!model.startsWith('.') && versions.length === 0) {
      await rm(path.join(modelsRoot, model), { recursive: true, force: true })
      removed++
    }
  }
  await rm(scratch, { recursive: true, force: true })
  return removed
}
