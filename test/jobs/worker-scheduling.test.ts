import { execFileSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { policies, schedulingUnavailable } from './scheduling-policies.js'

const chrt = schedulingUnavailable
/** Policies of this process's threads. */
const policyList = (): string[] => [...policies().values()]
if (chrt) console.log(`skipping worker scheduling test: ${chrt}`)

describe.skipIf(chrt !== undefined)('worker thread scheduling', () => {
  it.each([
    ['idle', 1],
    ['normal', 0],
  ] as const)('WORKER_SCHEDULER=%s: %i thread(s) at SCHED_IDLE (the training worker), the event loop normal', async (scheduler, idle) => {
    const storage = await mkdtemp(path.join(tmpdir(), 'vigil-sched-'))
    const before = policyList().filter((p) => p === 'SCHED_IDLE').length
    const app = await buildApp(loadConfig({ MODEL_STORAGE_PATH: storage, TRAIN_CONCURRENCY: '1', WORKER_SCHEDULER: scheduler }))
    try {
      // give the worker time to start (and, for 'normal', time to have switched if it wrongly would)
      if (idle === 0) await new Promise((resolve) => setTimeout(resolve, 1500))
      let count = 0
      for (let i = 0; i < 50 && count < before + idle; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100))
        count = policyList().filter((p) => p === 'SCHED_IDLE').length
      }
      expect(count - before).toBe(idle)
      expect(execFileSync('chrt', ['-p', String(process.pid)]).toString()).toMatch(/SCHED_OTHER/)
    } finally {
      await app.close()
      await rm(storage, { recursive: true, force: true })
    }
  })
})
