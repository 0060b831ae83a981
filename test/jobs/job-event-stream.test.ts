import { describe, expect, it } from 'vitest'
import { jobEventStream } from '../../src/jobs/job-event-stream.js'
import type { Job } from '../../src/jobs/job.js'

const job = (status: Job['status'], progress: number): Job => ({
  job_id: 'job-1',
  kind: 'train',
  status,
  progress,
  stage: status === 'running' ? 'fitting model' : status,
  dataset_id: 'ds',
  created_at: '2024-01-01T00:00:00.000Z',
})

describe('job event stream', () => {
  it('sends the current state, each change, the final event, then ends', async () => {
    let listener: (j: Job) => void = () => undefined
    const stream = jobEventStream((l) => {
      listener = l
      l(job('queued', 0))
      return () => undefined
    })
    listener(job('running', 0.5))
    listener(job('succeeded', 1))
    listener(job('running', 0.7))
    const text = (await stream.toArray()).join('')
    expect([...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1])).toEqual(['progress', 'progress', 'succeeded'])
  })

  it('stops listening when the client goes away, and sends heartbeats meanwhile', async () => {
    let unsubscribed = false
    const stream = jobEventStream((l) => {
      l(job('running', 0.1))
      return () => {
        unsubscribed = true
      }
    }, 5)
    const chunks: string[] = []
    await new Promise<void>((resolve) =>
      stream.on('data', (c: Buffer) => {
        chunks.push(c.toString())
        if (c.toString().includes(': heartbeat')) resolve()
      }),
    )
    stream.destroy()
    await new Promise((r) => stream.once('close', r))
    expect(unsubscribed).toBe(true)
    expect(chunks.join('')).toContain(': heartbeat')
  })

  it('an unknown job throws before anything starts', () => {
    expect(() =>
      jobEventStream(() => {
        throw new Error("job 'x' not found")
      }),
    ).toThrow(/not found/)
  })
})
