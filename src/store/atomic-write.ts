import { randomUUID } from 'node:crypto'
import { open, rename, rm } from 'node:fs/promises'
import path from 'node:path'

/** Prefix of in-progress files and directories; anything carrying it is swept at start-up. */
export const TEMP_PREFIX = '.tmp-'

/** A unique temp path in the same directory as `target`, so the final rename never crosses file systems. */
export function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `${TEMP_PREFIX}${randomUUID()}`)
}

/**
 * Write a file so that readers see either the old content or the new, never
 * a half-written one: write a temp file in the same directory, flush it to
 * disk, then rename it over the target.
 */
export async function writeFileAtomic(target: string, content: string | Uint8Array): Promise<void> {
  const temp = tempPathFor(target)
  try {
    const handle = await open(temp, 'wx')
    try {
      await handle.writeFile(content)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, target)
    await fsyncDir(path.dirname(target))
  } catch (err) {
    await rm(temp, { force: true })
    throw err
  }
}

/** Flush a directory's entries (a rename inside it) to disk, so the rename survives a power cut too. */
export async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

export async function writeJsonAtomic(target: string, value: unknown): Promise<void> {
  await writeFileAtomic(target, `${JSON.stringify(value, null, 2)}\n`)
}
