import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { ClientStats } from '../src/index.js'
import { fakeVigil, refusedUrl } from './servers.js'

const fixture = fileURLToPath(new URL('./fixtures/exits-on-its-own.ts', import.meta.url))

/** Runs the fixture in its own Node process; resolves with its exit code and the stats it printed. */
function run(url: string): Promise<{ code: number | null; stats: ClientStats }> {
  return new Promise((resolve, reject) => {
    // a generous bound: the process should end at once; 20 s means it hung
    execFile(process.execPath, ['--import', 'tsx', fixture, url], { timeout: 20_000 }, (err, stdout) => {
      if (err !== null && err.killed) return reject(new Error('the process did not end on its own'))
      resolve({ code: err === null ? 0 : (err.code as number | null), stats: JSON.parse(stdout) as ClientStats })
    })
  })
}

describe('the client never keeps the service process alive', () => {
  it('with Vigil stopped (a backoff timer pending) the process ends by itself', async () => {
    const { code, stats } = await run(await refusedUrl())
    expect(code).toBe(0)
    expect(stats.received).toBe(95)
  })

  it('with Vigil healthy (keep-alive connection open) the process ends by itself', async () => {
    const fake = await fakeVigil()
    try {
      const { code, stats } = await run(fake.url)
      expect(code).toBe(0)
      expect(stats.received).toBe(95)
      // full batches went out while the process ran; the last 5 waited for an interval that never came
      expect(stats.sent).toBeGreaterThanOrEqual(90)
    } finally {
      await fake.close()
    }
  })
})
