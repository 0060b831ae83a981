import { readFile } from 'node:fs/promises'

/** Read and parse a JSON file; `undefined` when it does not exist. Parsing is data only, never code. */
export async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as unknown
  } catch (err) {
    if (hasCode(err, 'ENOENT', 'ENOTDIR')) return undefined
    throw err
  }
}

export function hasCode(err: unknown, ...codes: string[]): boolean {
  return err instanceof Error && 'code' in err && typeof err.code === 'string' && codes.includes(err.code)
}
