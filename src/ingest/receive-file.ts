import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { Transform, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { formatByteSize } from '../byte-size.js'
import { InvalidInputError, PayloadTooLargeError, VigilError } from '../errors.js'

export interface ReceivedFile {
  readonly bytes: number
  readonly sha256: string
  /** First bytes, for format sniffing. */
  readonly head: Uint8Array
}

/** Bytes kept from the start of an upload for format sniffing. */
export const HEAD_BYTES = 8192

/**
 * Stream an upload to `target`, hashing and counting as it goes (and showing
 * each chunk to `observe`), and stop with 413 as soon as it passes `maxBytes`
 * (the caller removes the partial file). A source that fails (a multipart
 * body cut short or malformed) is the client's fault: 400.
 */
export async function receiveFile(source: Readable, target: string, maxBytes: number, observe?: (chunk: Buffer) => void): Promise<ReceivedFile> {
  const hash = createHash('sha256')
  let bytes = 0
  const headParts: Buffer[] = []
  let headLength = 0
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length
      if (bytes > maxBytes) {
        done(tooLarge(maxBytes))
        return
      }
      if (headLength < HEAD_BYTES) {
        headParts.push(chunk.subarray(0, HEAD_BYTES - headLength))
        headLength += Math.min(chunk.length, HEAD_BYTES - headLength)
      }
      hash.update(chunk)
      observe?.(chunk)
      done(null, chunk)
    },
  })
  let sourceError: unknown
  source.once('error', (err) => {
    sourceError = err
  })
  try {
    await pipeline(source, meter, createWriteStream(target, { flags: 'wx' }))
  } catch (err) {
    // @fastify/multipart signals its own file-size limit with this code
    if (err instanceof Error && 'code' in err && err.code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(maxBytes)
    // the source may have failed before this function was called (the whole body already parsed)
    if ((err === sourceError || err === source.errored) && !(err instanceof VigilError)) {
      const reason = err instanceof Error ? err.message : String(err)
      throw new InvalidInputError(`the upload stopped before the file was complete (a cut-short or malformed multipart body): ${reason}`, { field: 'file' })
    }
    throw err
  }
  // @fastify/multipart ends a stream cut at its limit quietly and marks it truncated
  if ((source as Readable & { truncated?: boolean }).truncated === true) throw tooLarge(maxBytes)
  // the upload is kept as the dataset's original: make it durable before the dataset is committed
  const handle = await open(target, 'r+')
  await handle.sync().finally(() => handle.close())
  return { bytes, sha256: hash.digest('hex'), head: Buffer.concat(headParts) }
}

function tooLarge(maxBytes: number): PayloadTooLargeError {
  return new PayloadTooLargeError(`file is larger than the upload limit of ${formatByteSize(maxBytes)} (MAX_UPLOAD_SIZE)`, {
    field: 'file',
    limit: maxBytes,
  })
}
