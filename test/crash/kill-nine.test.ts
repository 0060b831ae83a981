/**
 * Crash safety (issue 6): `kill -9` of the server at any moment of an upload
 * or a training leaves no partial dataset, no partial version and no corrupt
 * index. The real server runs as a child process on one storage directory; at
 * each kill point an upload or a training is started and the process is
 * killed with SIGKILL, restarted, and the storage is checked through the API
 * and on disk. Two of every three kills come after a random delay within the
 * operation's measured duration; every third is aimed at the commit, the
 * shortest and most delicate stage: a few random milliseconds after the staged
 * dataset's Parquet copy or the staged version directory appears on disk.
 * After each restart:
 *  - files of datasets and models that existed before the kill are byte-identical;
 *  - the interrupted operation left either everything (a complete dataset with
 *    the upload's digest and row count, a complete version that scores a row)
 *    or nothing; nothing else appeared;
 *  - no temp entry survives the start-up sweep, every JSON file parses, every
 *    alias points at a version, the API lists exactly what is on disk;
 *  - when the jobs API exists: no job is queued or running after the restart,
 *    and each job that was unfinished at the kill failed with "interrupted by restart"
 *    (or succeeded, when its version was stored just before the kill: the
 *    version records its job id and the restart finds it).
 *
 * Delays come from a seeded PRNG; the seed is printed, and
 * `VIGIL_CRASH_SEED=<seed> npx vitest run test/crash` replays the same draws
 * (the operations' durations still vary from run to run).
 * `VIGIL_CRASH_KEEP=1` keeps the storage directory of a run for inspection.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkThroughApi } from './api-checks.js'
import { answered, expectJson, pacedUpload, requestJson, type HttpOutcome } from './http-client.js'
import { checkJobsAfterRestart, listJobs, parseJob, waitForJob, type JobView } from './jobs-api.js'
import { chooseSeed, seededRandom } from './seeded-random.js'
import { killAllServers, startServer, type ServerProcess } from './server-process.js'
import {
  addedFiles,
  changedFiles,
  inspectStorage,
  modelsWithoutVersions,
  snapshotStorage,
  staleScratchEntries,
  stagedDatasetHas,
  stagedVersionOf,
  tempEntries,
  type StorageOnDisk,
} from './storage-files.js'
import { sampleRow, syntheticCsv } from './synthetic-csv.js'

const UPLOAD_KILLS = 10
const TRAIN_KILLS = 12
const FEATURES = 6
/** Rows of the dataset every training uses (gradient boosting on it takes a second or two). */
const TRAIN_ROWS = 50_000
/** Rows of each killed upload (about 3.5 MB of CSV). */
const UPLOAD_ROWS = 80_000
/** Uploads are sent in slices over this long, so kills also land while the bytes stream in. */
const UPLOAD_SEND_MS = 600
const TRAIN_BODY = { algorithm: 'gradient_boosting', target_column: 'x0', label_column: 'label', random_state: 1 } as const
const RETRAIN_TARGET = 'crash-measure'

const seed = chooseSeed()
const random = seededRandom(seed)
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** When to kill: at a random share of the measured duration, or (every third point) a random few ms into the commit stage. */
type Trigger = { readonly at: 'time'; readonly delayMs: number } | { readonly at: 'commit'; readonly jitterMs: number }

/** `i` counts the kill points of one test, so every third of them is aimed at the commit. */
function trigger(i: number, op: Operation): Trigger {
  return i % 3 === 2 ? { at: 'commit', jitterMs: Math.round(random() * op.commitJitterMs) } : { at: 'time', delayMs: Math.round(random() * op.windowMs) }
}

/** Poll (every 2 ms) until `reached` holds, or the operation settles first; true when the stage was seen. */
async function waitForStage(reached: () => Promise<boolean>, settled: Promise<unknown>, timeoutMs: number): Promise<boolean> {
  let done = false
  void settled.finally(() => {
    done = true
  })
  const deadline = performance.now() + timeoutMs
  while (!done && performance.now() < deadline) {
    if (await reached()) return true
    await sleep(2)
  }
  return false
}

interface KillRecord {
  readonly n: number
  readonly kind: string
  /** How the kill was aimed, for the log. */
  readonly when: string
  readonly windowMs: number
  /** Did the interrupted request get its answer before the kill? */
  readonly answered: boolean
  readonly outcome: string
  /** Temp entries and version-less model directories found before the restart (what the kill interrupted). */
  readonly leftovers: number
  readonly restartMs: number
  readonly notes: readonly string[]
}

interface Verdict {
  readonly problems: string[]
  readonly outcome: string
  /** Job ids the operation was answered with (202), to look for after the restart. */
  readonly submittedJobs?: readonly string[]
}

/** An operation to interrupt: start it, then judge what the kill left. */
interface Operation {
  readonly kind: string
  readonly windowMs: number
  /** Commit-aimed kills land up to this long after the commit stage is seen. */
  readonly commitJitterMs: number
  /** Is the operation committing right now (its last stage visible on disk)? */
  atCommit(storage: string): Promise<boolean>
  /** False when the answer comes before the work ends (202 jobs): then waiting for the commit does not stop at the answer. */
  readonly answersAtEnd: boolean
  start(baseUrl: string): Promise<HttpOutcome[]>
  verify(outcomes: readonly HttpOutcome[], before: StorageOnDisk, after: StorageOnDisk, added: readonly string[]): Verdict
}

const ctx = {
  storage: '',
  server: undefined as ServerProcess | undefined,
  /** sha256 → rows of every upload sent. */
  uploads: new Map<string, number>(),
  trainDataset: '',
  uploadMs: 0,
  trainMs: 0,
  /** Two `?wait=false` jobs submitted together, first to last finished; undefined without the jobs API. */
  jobPairMs: undefined as number | undefined,
  jobs: false,
  disk: undefined as StorageOnDisk | undefined,
  records: [] as KillRecord[],
  failed: false,
}

const row = sampleRow(FEATURES)

function liveServer(): ServerProcess {
  if (ctx.server === undefined || ctx.server.exited()) throw new Error('the server is not running')
  return ctx.server
}

function outside(added: readonly string[], prefixes: readonly string[]): string[] {
  return added.filter((rel) => !prefixes.some((p) => rel.startsWith(p))).map((rel) => `${rel} appeared, outside what the interrupted operation may create`)
}

const describeOutcome = (o: HttpOutcome): string => (answered(o) ? `${o.status} ${JSON.stringify(o.body).slice(0, 300)}` : o.error)

function uploadOperation(n: number): Operation {
  const csv = syntheticCsv(UPLOAD_ROWS, FEATURES, 10_000 + n)
  return {
    kind: 'upload',
    windowMs: ctx.uploadMs,
    // from the start of the Parquet copy to the rename: a few tens of ms
    commitJitterMs: 80,
    atCommit: (storage) => stagedDatasetHas(storage),
    answersAtEnd: true,
    async start(baseUrl) {
      ctx.uploads.set(csv.sha256, csv.rows)
      return [await pacedUpload(`${baseUrl}/upload-dataset`, `kill-${n}.csv`, csv.bytes, UPLOAD_SEND_MS)]
    },
    verify([outcome], before, after, added) {
      const problems: string[] = []
      const fresh = [...after.datasets.keys()].filter((id) => !before.datasets.has(id))
      for (const id of before.datasets.keys()) if (!after.datasets.has(id)) problems.push(`dataset ${id} existed before the kill and is gone`)
      if (fresh.length > 1) problems.push(`one upload was interrupted but ${fresh.length} datasets appeared: ${fresh.join(', ')}`)
      const id = fresh[0]
      if (id !== undefined) {
        const dataset = after.datasets.get(id)
        if (dataset?.sha256 !== csv.sha256) problems.push(`dataset ${id} appeared with sha256 ${dataset?.sha256}, the upload's is ${csv.sha256}`)
        if (dataset?.rows !== csv.rows) problems.push(`dataset ${id} appeared with ${dataset?.rows} rows, the upload has ${csv.rows}`)
      }
      if (outcome !== undefined && answered(outcome)) {
        const answeredId = (outcome.body as { dataset_id?: unknown } | undefined)?.dataset_id
        if (outcome.status !== 200) problems.push(`the upload was answered ${describeOutcome(outcome)}`)
        else if (answeredId !== id) problems.push(`the upload was answered (dataset ${String(answeredId)}) but after the restart the new dataset is ${String(id)}`)
      }
      problems.push(...outside(added, id === undefined ? [] : [`datasets/${id}/`]))
      return { problems, outcome: id === undefined ? 'absent' : 'complete' }
    },
  }
}

/** Checks for trainings of brand-new models: each either has exactly version 1 or does not exist. */
function verifyNewModels(modelIds: readonly string[], before: StorageOnDisk, after: StorageOnDisk, added: readonly string[]): Verdict {
  const problems: string[] = []
  const fresh = [...after.models.keys()].filter((id) => !before.models.has(id))
  for (const id of fresh) if (!modelIds.includes(id)) problems.push(`model ${id} appeared, but only ${modelIds.join(', ')} were being trained`)
  for (const id of before.models.keys()) if (!after.models.has(id)) problems.push(`model ${id} existed before the kill and is gone`)
  const present = modelIds.filter((id) => after.models.has(id))
  for (const id of present) {
    const versions = after.models.get(id) ?? []
    if (versions.join(',') !== '1') problems.push(`model ${id} came back with versions [${versions.join(', ')}], expected [1]`)
  }
  problems.push(...outside(added, present.map((id) => `models/${id}/`)))
  return { problems, outcome: modelIds.map((id) => `${id}: ${after.models.has(id) ? 'complete' : 'absent'}`).join(', ') }
}

function trainOperation(n: number): Operation {
  const modelId = `crash-train-${n}`
  return {
    kind: 'train',
    windowMs: ctx.trainMs,
    commitJitterMs: 10,
    atCommit: (storage) => stagedVersionOf(storage, modelId),
    answersAtEnd: true,
    async start(baseUrl) {
      return [await requestJson(baseUrl, 'POST', `/train/${ctx.trainDataset}`, { ...TRAIN_BODY, model_id: modelId })]
    },
    verify([outcome], before, after, added) {
      const verdict = verifyNewModels([modelId], before, after, added)
      if (outcome !== undefined && answered(outcome)) {
        if (outcome.status !== 200) verdict.problems.push(`the training was answered ${describeOutcome(outcome)}`)
        else if (!after.models.has(modelId)) verdict.problems.push(`the training was answered 200 but model ${modelId} is absent after the restart`)
      }
      return verdict
    },
  }
}

function retrainOperation(): Operation {
  return {
    kind: 'retrain',
    windowMs: ctx.trainMs,
    commitJitterMs: 10,
    atCommit: (storage) => stagedVersionOf(storage, RETRAIN_TARGET),
    answersAtEnd: true,
    async start(baseUrl) {
      return [await requestJson(baseUrl, 'POST', `/models/${RETRAIN_TARGET}/retrain/${ctx.trainDataset}`, {})]
    },
    verify([outcome], before, after, added) {
      const problems: string[] = []
      const was = before.models.get(RETRAIN_TARGET) ?? []
      const now = after.models.get(RETRAIN_TARGET) ?? []
      const next = (was[was.length - 1] ?? 0) + 1
      const grew = now.join(',') === [...was, next].join(',')
      if (now.join(',') !== was.join(',') && !grew) problems.push(`${RETRAIN_TARGET} had versions [${was.join(', ')}], now [${now.join(', ')}]`)
      for (const id of after.models.keys()) if (!before.models.has(id)) problems.push(`model ${id} appeared during a retrain of ${RETRAIN_TARGET}`)
      if (outcome !== undefined && answered(outcome)) {
        if (outcome.status !== 200) problems.push(`the retrain was answered ${describeOutcome(outcome)}`)
        else if (!grew) problems.push(`the retrain was answered 200 but version ${next} is absent after the restart`)
      }
      problems.push(...outside(added, grew ? [`models/${RETRAIN_TARGET}/versions/${next}/`] : []))
      return { problems, outcome: grew ? `version ${next} complete` : `version ${next} absent` }
    },
  }
}

/** Two `?wait=false` trainings submitted back to back: one runs, the other may be queued. */
function jobPairOperation(n: number): Operation {
  const modelIds = [`crash-job-${n}a`, `crash-job-${n}b`]
  return {
    kind: 'job pair',
    windowMs: ctx.jobPairMs ?? ctx.trainMs * 2,
    commitJitterMs: 10,
    // the first job's commit; the second is then still running or queued
    atCommit: async (storage) => (await stagedVersionOf(storage, modelIds[0] as string)) || stagedVersionOf(storage, modelIds[1] as string),
    answersAtEnd: false,
    async start(baseUrl) {
      const outcomes: HttpOutcome[] = []
      for (const modelId of modelIds) {
        const outcome = await requestJson(baseUrl, 'POST', `/train/${ctx.trainDataset}?wait=false`, { ...TRAIN_BODY, model_id: modelId })
        outcomes.push(outcome)
        if (!answered(outcome)) break
      }
      return outcomes
    },
    verify(outcomes, before, after, added) {
      const verdict = verifyNewModels(modelIds, before, after, added)
      const submitted: string[] = []
      for (const outcome of outcomes) {
        if (!answered(outcome)) continue
        const job = parseJob(outcome.body)
        if (outcome.status !== 202 || job === undefined) verdict.problems.push(`POST /train?wait=false was answered ${describeOutcome(outcome)}`)
        else submitted.push(job.job_id)
      }
      return { ...verdict, submittedJobs: submitted }
    },
  }
}

async function killPoint(n: number, i: number, op: Operation): Promise<void> {
  const { storage } = ctx
  const before = ctx.disk
  if (before === undefined) throw new Error('storage was not inspected before the kill')
  const server = liveServer()
  const filesBefore = await snapshotStorage(storage)
  const jobsBefore: readonly JobView[] = ctx.jobs ? await listJobs(server.baseUrl).then((p) => (p.available ? p.jobs : [])) : []
  const aim = trigger(i, op)

  const started = performance.now()
  const pending = op.start(server.baseUrl)
  let when: string
  if (aim.at === 'time') {
    await sleep(aim.delayMs)
    when = `kill at ${aim.delayMs} ms of ~${Math.round(op.windowMs)} ms`
  } else {
    const seen = await waitForStage(() => op.atCommit(storage), op.answersAtEnd ? pending : new Promise<never>(() => undefined), op.windowMs * 4 + 10_000)
    const seenAt = Math.round(performance.now() - started)
    await sleep(aim.jitterMs)
    when = seen ? `kill ${aim.jitterMs} ms into the commit (seen at ${seenAt} ms)` : `commit not seen (gave up at ${seenAt} ms), kill ${aim.jitterMs} ms later`
  }
  await server.kill9()
  // nothing can touch the scratch directory from now until the new process starts (hundreds of ms later)
  const deadAt = Date.now()
  const outcomes = await Promise.race([pending, sleep(15_000).then((): HttpOutcome[] => [{ status: 0, error: 'no answer 15 s after the kill' }])])
  const killedAtMs = Math.round(performance.now() - started)
  const leftovers = [...(await tempEntries(storage)), ...(await modelsWithoutVersions(storage)).map((id) => `models/${id} (no version)`)]

  ctx.server = await startServer({ storage })
  const restarted = ctx.server
  // file times come from a coarse clock (a few ms); a new process needs far longer than 100 ms to start
  const problems: string[] = (await staleScratchEntries(storage, deadAt + 100)).map((rel) => `${rel}: dates from before the kill, survived the start-up sweep`)
  const after = await inspectStorage(storage)
  const filesAfter = await snapshotStorage(storage)
  problems.push(...after.problems, ...changedFiles(filesBefore, filesAfter))
  const verdict = op.verify(outcomes, before, after, addedFiles(filesBefore, filesAfter))
  problems.push(...verdict.problems)
  problems.push(...(await checkThroughApi(restarted.baseUrl, after, { uploads: ctx.uploads, row })))
  const notes: string[] = []
  if (ctx.jobs) {
    const probe = await listJobs(restarted.baseUrl)
    if (!probe.available) problems.push(`the jobs API was there before the kill and is not after: ${probe.reason}`)
    else {
      const grewOrAppeared = (id: string): boolean => (after.models.get(id)?.length ?? 0) > (before.models.get(id)?.length ?? 0)
      const jobs = checkJobsAfterRestart(jobsBefore, probe.jobs, verdict.submittedJobs ?? [], grewOrAppeared)
      problems.push(...jobs.problems)
      notes.push(...jobs.notes)
    }
  }
  ctx.disk = after
  const record: KillRecord = {
    n,
    kind: op.kind,
    when,
    windowMs: Math.round(op.windowMs),
    answered: outcomes.some(answered),
    outcome: verdict.outcome,
    leftovers: leftovers.length,
    restartMs: Math.round(restarted.startupMs),
    notes,
  }
  ctx.records.push(record)
  console.log(
    `[crash] #${String(n).padStart(2, '0')} ${op.kind.padEnd(8)} ${when} (process gone at ${killedAtMs} ms)` +
      ` · ${record.answered ? 'answered before the kill' : 'no answer'} · on disk before restart: ${leftovers.length === 0 ? 'no leftovers' : leftovers.join(', ')}` +
      ` · after restart: ${verdict.outcome} · restart ${record.restartMs} ms${notes.length === 0 ? '' : ` · ${notes.join('; ')}`}`,
  )
  if (problems.length > 0) ctx.failed = true
  expect(problems, `kill point #${n} (${op.kind}, ${when}; replay with VIGIL_CRASH_SEED=${seed})`).toEqual([])
}

describe('kill -9 during uploads and trainings (real server, child process)', () => {
  beforeAll(async () => {
    ctx.storage = await mkdtemp(path.join(tmpdir(), 'vigil-crash-'))
    console.log(`[crash] seed ${seed} (replay: VIGIL_CRASH_SEED=${seed}); storage ${ctx.storage}`)
    ctx.server = await startServer({ storage: ctx.storage })
    const { baseUrl } = ctx.server
    console.log(`[crash] server up in ${Math.round(ctx.server.startupMs)} ms`)

    const train = syntheticCsv(TRAIN_ROWS, FEATURES, 1)
    ctx.uploads.set(train.sha256, train.rows)
    const uploaded = await pacedUpload(`${baseUrl}/upload-dataset`, 'train.csv', train.bytes, 0, 1)
    if (!answered(uploaded) || uploaded.status !== 200) throw new Error(`uploading the training dataset: ${describeOutcome(uploaded)}`)
    ctx.trainDataset = String((uploaded.body as { dataset_id: unknown }).dataset_id)

    // the kill window of an upload: one complete upload of the same size, sent the same way
    const probe = syntheticCsv(UPLOAD_ROWS, FEATURES, 2)
    ctx.uploads.set(probe.sha256, probe.rows)
    let t = performance.now()
    const measured = await pacedUpload(`${baseUrl}/upload-dataset`, 'measure.csv', probe.bytes, UPLOAD_SEND_MS)
    if (!answered(measured) || measured.status !== 200) throw new Error(`measuring an upload: ${describeOutcome(measured)}`)
    ctx.uploadMs = performance.now() - t

    // the kill window of a training; this model is also the one retrained at kill points
    t = performance.now()
    await expectJson(baseUrl, 'POST', `/train/${ctx.trainDataset}`, { ...TRAIN_BODY, model_id: RETRAIN_TARGET })
    ctx.trainMs = performance.now() - t
    await expectJson(baseUrl, 'PUT', `/models/${RETRAIN_TARGET}/aliases/production`, { version: 1 })

    const jobs = await listJobs(baseUrl)
    ctx.jobs = jobs.available
    if (!jobs.available) {
      console.log(`[crash] job assertions skipped: ${jobs.reason}`)
    } else {
      t = performance.now()
      const submitted = await Promise.all(
        ['crash-measure-a', 'crash-measure-b'].map((modelId) =>
          requestJson(baseUrl, 'POST', `/train/${ctx.trainDataset}?wait=false`, { ...TRAIN_BODY, model_id: modelId }),
        ),
      )
      const ids = submitted.map((o) => (answered(o) && o.status === 202 ? parseJob(o.body)?.job_id : undefined))
      if (ids.every((id): id is string => id !== undefined)) {
        for (const id of ids) {
          const job = await waitForJob(baseUrl, id)
          if (job.status !== 'succeeded') throw new Error(`measuring a job: job ${id} ended ${JSON.stringify(job)}`)
        }
        ctx.jobPairMs = performance.now() - t
      } else {
        console.log(`[crash] POST /train?wait=false did not answer 202 with a job (${submitted.map(describeOutcome).join('; ')}): job-pair kill points replaced by trainings`)
      }
    }
    console.log(
      `[crash] kill windows: upload ${Math.round(ctx.uploadMs)} ms (${(probe.bytes.length / 2 ** 20).toFixed(1)} MiB, ${UPLOAD_ROWS} rows)` +
        `, training ${Math.round(ctx.trainMs)} ms (gradient_boosting, ${TRAIN_ROWS} rows)` +
        (ctx.jobPairMs === undefined ? '' : `, two ?wait=false jobs ${Math.round(ctx.jobPairMs)} ms`),
    )
    ctx.disk = await inspectStorage(ctx.storage)
    expect(ctx.disk.problems).toEqual([])
  }, 300_000) // setup uploads and trains for real: minutes on a loaded 2-core machine

  afterAll(async () => {
    await ctx.server?.kill9()
    killAllServers()
    const byKind = new Map<string, KillRecord[]>()
    for (const r of ctx.records) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r])
    const summary = [...byKind].map(([kind, rs]) => {
      const complete = rs.filter((r) => r.outcome.includes('complete')).length
      return (
        `${kind}: ${rs.length} kills (${rs.filter((r) => r.leftovers > 0).length} left work on disk to sweep, ` +
        `${rs.filter((r) => r.answered).length} after an answer; ${complete} kept a complete result, ${rs.length - complete} left nothing)`
      )
    })
    console.log(`[crash] ${ctx.records.length} kill points, seed ${seed}: ${summary.join('; ')}`)
    if (ctx.failed && process.env['VIGIL_CRASH_KEEP'] === undefined) console.log('[crash] set VIGIL_CRASH_KEEP=1 to keep the storage directory of a failing run')
    if (process.env['VIGIL_CRASH_KEEP'] !== undefined) console.log(`[crash] storage kept at ${ctx.storage}`)
    else if (ctx.storage !== '') await rm(ctx.storage, { recursive: true, force: true })
  }, 30_000)

  it(`an upload killed at ${UPLOAD_KILLS} random points is complete or absent; everything else is untouched`, async () => {
    for (let n = 0; n < UPLOAD_KILLS; n++) await killPoint(n, n, uploadOperation(n))
  }, 240_000)

  it(`a training killed at ${TRAIN_KILLS} random points produced a complete version or none; jobs end 'interrupted by restart'`, async () => {
    // a cycle of 4 against commit-aimed kills every 3rd point: each kind gets both kinds of kill
    const cycle = ctx.jobPairMs === undefined ? ['train', 'retrain', 'train', 'train'] : ['train', 'job pair', 'retrain', 'job pair']
    for (let i = 0; i < TRAIN_KILLS; i++) {
      const n = UPLOAD_KILLS + i
      const kind = cycle[i % cycle.length]
      await killPoint(n, i, kind === 'retrain' ? retrainOperation() : kind === 'job pair' ? jobPairOperation(n) : trainOperation(n))
    }
    expect(ctx.records.length).toBeGreaterThanOrEqual(20)
  }, 300_000)
})
