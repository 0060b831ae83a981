import { open } from 'node:fs/promises'
import { InvalidInputError } from '../errors.js'

const TAIL_BYTES = 256

/**
 * A JSON array upload must end with ']': DuckDB's array reader stops at the
 * last complete element, so a truncated upload would otherwise be stored as a
 * shorter dataset without a word.
 */
export async function assertCompleteJsonArray(file: string, filename: string): Promise<void> {
  const handle = await open(file, 'r')
  try {
    const { size } = await handle.stat()
    const length = Math.min(TAIL_BYTES, size)
    const tail = Buffer.alloc(length)
    await handle.read(tail, 0, length, size - length)
    if (!tail.toString('utf8').trimEnd().endsWith(']')) {
      throw new InvalidInputError(`'${filename}' is not a complete JSON array: it does not end with ']' (was the upload cut short?)`, {
        field: 'file',
        value: filename,
      })
    }
  } finally {
    await handle.close()
  }
}
