import { readdir, rm } from 'node:fs/promises'
import path from 'node:path'
import { Value } from 'typebox/value'
import { Job as JobSchema } from '../schemas/job.js'
import { TEMP_PREFIX, writeJsonAtomic } from '../store/atomic-write.js'
import { readJson } from '../store/read-json.js'
import { INTERRUPTED } from './job-errors.js'
import type { Job } from './job.js'

/** `<storage>/jobs/<job_id>.json`, one file per job, each replaced atomically on every status change. */
export interface JobStore {
  /**
   * Every stored job, oldest first. Jobs a previous process left queued or
   * running can never finish: they are rewritten as failed, "interrupted by
   * restart", unless `committed` finds what the job stored before the crash
   * (the process died between storing the version and writing the job file):
   * then they are rewritten as succeeded with that result.
   */
  load(committed?: (job: Job) => Promise<Job['result'] | undefined>): Promise<Job[]>
  save(job: Job): Promise<void>
  remove(id: string): Promise<void>
}

export function createJobStore(root: string): JobStore {
  const file = (id: string): string => path.join(root, `${id}.json`)
  return {
    async load(committed) {
      const names = await readdir(root).catch(() => [] as string[])
      const jobs: Job[] = []
      for (const name of names) {
        if (name.startsWith(TEMP_PREFIX)) {
          await rm(path.join(root, name), { force: true })
          continue
        }
        if (!name.endsWith('.json')) continue
        // a file that is not a job (hand-edited, from a future version) is left alone, not loaded
        const read = await readJson(path.join(root, name)).catch(() => undefined)
        if (!Value.Check(JobSchema, read)) continue
        // the schema checked its fields; its result is what this manager wrote, a model view
        const stored = read as Job
        if (stored.status === 'queued' || stored.status === 'running') {
          const result = stored.status === 'running' ? await committed?.(stored) : undefined
          const finishedAt = new Date().toISOString()
          const ended: Job = result
            ? { ...stored, status: 'succeeded', stage: 'done', progress: 1, finished_at: result.created_at, result }
            : { ...stored, status: 'failed', stage: 'failed', finished_at: finishedAt, error: { message: INTERRUPTED, status_code: 500 } }
          await writeJsonAtomic(file(ended.job_id), ended)
          jobs.push(ended)
        } else jobs.push(stored)
      }
      return jobs.sort((a, b) => a.created_at.localeCompare(b.created_at))
    },
    save: (job) => writeJsonAtomic(file(job.job_id), job),
    remove: (id) => rm(file(id), { force: true }),
  }
}
