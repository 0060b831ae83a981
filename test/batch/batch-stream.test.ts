import { describe, expect, it } from 'vitest'
import { streamBatch, type BatchProducer } from '../../src/batch/batch-stream.js'
import type { BatchHead } from '../../src/batch/batch-encoding.js'
import { InvalidInputError } from '../../src/errors.js'

const head: BatchHead = {
  modelId: 'm',
  version: 1,
  modelInfo: { model_id: 'm', version: 1, algorithm: 'isolation_forest', training_samples: 10, features_used_count: 2, features_found_in_event: 2 },
}

async function readAll(stream: NodeJS.ReadableStream): Promise<{ text: string; error?: Error }> {
  let text = ''
  try {
    for await (const chunk of stream) text += String(chunk)
    return { text }
  } catch (err) {
    return { text, error: err as Error }
  }
}

/** A producer that starts, writes `pieces`, then fails (or not). */
const producer =
  (pieces: string[], failure?: Error): BatchProducer =>
  async (sink) => {
    sink.start(head)
    for (const p of pieces) await sink.write(p)
    if (failure) throw failure
  }

describe('streamBatch', () => {
  it('a failure before start rejects (the route answers an ordinary 4xx)', async () => {
    const bad = new InvalidInputError('data[3].price must be a number')
    await expect(streamBatch('json', async () => Promise.reject(bad))).rejects.toBe(bad)
  })

  it('JSON: a failure after start aborts the stream instead of ending it', async () => {
    const late: unknown[] = []
    const { stream } = await streamBatch('json', producer(['{"a":[', '1,2'], new Error('boom')), (err) => late.push(err))
    const { text, error } = await readAll(stream)
    expect(error?.message).toBe('boom')
    expect(text.startsWith('{"a":[')).toBe(true)
    expect(late).toHaveLength(1)
  })

  it('NDJSON: a failure after start ends with an error line, hiding internal text', async () => {
    const { stream } = await streamBatch('ndjson', producer(['{"index":0}\n'], new Error('/secret/path exploded')))
    const { text, error } = await readAll(stream)
    expect(error).toBeUndefined()
    const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(lines).toHaveLength(2)
    expect(lines[1]).toEqual({ error: 'internal error while scoring; the server log has the details', status_code: 500 })
  })

  it('waits for the reader before the producer goes on, and stops it when the reader leaves', async () => {
    const written: number[] = []
    let signal: AbortSignal | undefined
    let outcome: unknown
    const big = 'x'.repeat(1 << 20)
    const { stream } = await streamBatch('ndjson', async (sink, s) => {
      signal = s
      sink.start(head)
      try {
        for (let i = 0; i < 100; i++) {
          await sink.write(big)
          written.push(i)
        }
        outcome = 'finished'
      } catch (err) {
        outcome = err
        throw err
      }
    })
    // nobody reads: the first write is pushed and waits
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r))
    expect(written.length).toBeLessThanOrEqual(1)
    stream.destroy()
    await new Promise((r) => setImmediate(r))
    expect(signal?.aborted).toBe(true)
    expect(outcome).toBeInstanceOf(Error)
  })
})
