import type { Job } from '../jobs/job.js'
import type { ModelStore } from '../store/model-store.js'
import { modelView } from './model-views.js'

/**
 * The version a job stored, if it got that far: a crash between storing the
 * version (one atomic rename) and rewriting the job file leaves the job
 * "running" on disk although its work is done. Versions record their job id.
 */
export async function committedResult(models: ModelStore, job: Job): Promise<Job['result'] | undefined> {
  if (job.model_id === undefined || !(await models.exists(job.model_id))) return undefined
  const versions = await models.listVersions(job.model_id)
  // the job's version, if any, is among the newest: look from the end
  for (const version of [...versions].reverse()) {
    const record = await models.readVersion(job.model_id, version)
    if (record.job_id === job.job_id) return modelView(record, versions, await models.readAliases(job.model_id), false)
    if (job.started_at !== undefined && record.created_at < job.started_at) break
  }
  return undefined
}
