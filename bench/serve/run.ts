/**
 * `npm run bench:serve`: single-row /predict latency at a fixed rate, idle
 * and while a large training runs (issue 6). Starts the server itself (built
 * or from source), prints a table and the verdict, saves the raw numbers under
 * bench/results/ and, for a run with the protocol's parameters, rewrites
 * docs/benchmarks-serve.md. See that page for the protocol.
 */
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises'
import os, { tmpdir } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { answered, expectJson, pacedUpload, requestJson } from '../../test/crash/http-client.js'
import { fromBuild, fromSource, startServer, type ServerCommand, type ServerProcess } from '../../test/crash/server-process.js'
import { sampleRow, syntheticCsv } from '../../test/crash/synthetic-csv.js'
import { environment } from '../environment.js'
import { repoRoot, resultsDir } from '../paths.js'
import { saveRawResults } from '../results-json.js'
import { autocannonLoad } from './autocannon-load.js'
import type { LoadResult, LoadTarget, LoadTool } from './load-result.js'
import { pacedLoad } from './paced-load.js'
import { judge, renderConsole, renderMarkdown, WARMUP_S, type PhaseTraining, type ServeReport } from './report.js'
import { overlapping, startTraining, trainingCoverage } from './training-driver.js'

const DEFAULTS = { rate: 500, durationS: 30, connections: 32, trainRows: 200_000 } as const
const TRAIN_COLS = 10
const PREDICT_ROWS = 10_000
const PREDICT_COLS = 4
const docFile = path.join(repoRoot, 'docs', 'benchmarks-serve.md')

const USAGE = `npm run bench:serve [-- options]
  --rate N          requests per second (default ${DEFAULTS.rate})
  --duration S      seconds per phase and load generator (default ${DEFAULTS.durationS})
  --train-rows N    rows of the training dataset (default ${DEFAULTS.trainRows})
  --load L          paced, autocannon or both (default both; the verdict is the paced one's)
  --connections N   autocannon connections (default ${DEFAULTS.connections})
  --server S        auto (dist/ when newer than src/), dist or src (default auto)
Only a run with the default rate, duration and rows, with the paced load, rewrites docs/benchmarks-serve.md.`

interface Options {
  readonly rate: number
  readonly durationS: number
  readonly trainRows: number
  readonly connections: number
  readonly tools: readonly LoadTool[]
  readonly server: 'auto' | 'dist' | 'src'
}

function parseOptions(argv: readonly string[]): Options | undefined {
  const v = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      rate: { type: 'string' },
      duration: { type: 'string' },
      'train-rows': { type: 'string' },
      load: { type: 'string' },
      connections: { type: 'string' },
      server: { type: 'string' },
    },
  }).values
  if (v.help === true) return undefined
  const positive = (name: string, raw: string | undefined, fallback: number): number => {
    if (raw === undefined) return fallback
    const n = Number(raw)
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive whole number, got "${raw}"`)
    return n
  }
  const load = v.load ?? 'both'
  if (!['paced', 'autocannon', 'both'].includes(load)) throw new Error(`--load must be paced, autocannon or both, got "${load}"`)
  const server = v.server ?? 'auto'
  if (server !== 'auto' && server !== 'dist' && server !== 'src') throw new Error(`--server must be auto, dist or src, got "${server}"`)
  return {
    rate: positive('rate', v.rate, DEFAULTS.rate),
    durationS: positive('duration', v.duration, DEFAULTS.durationS),
    trainRows: positive('train-rows', v['train-rows'], DEFAULTS.trainRows),
    connections: positive('connections', v.connections, DEFAULTS.connections),
    tools: load === 'both' ? ['paced', 'autocannon'] : [load as LoadTool],
    server,
  }
}

async function newestMtime(dir: string, ext: string): Promise<number> {
  let newest = 0
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith(ext)) newest = Math.max(newest, (await stat(path.join(entry.parentPath, entry.name))).mtimeMs)
  }
  return newest
}

/** dist/server.js when it exists and is newer than every file of src/, else the sources through tsx. */
async function chooseServer(choice: Options['server']): Promise<{ command: ServerCommand; why: string }> {
  if (choice === 'src') return { command: fromSource, why: '--server src' }
  const built = await stat(path.join(repoRoot, 'dist', 'server.js')).catch(() => undefined)
  if (choice === 'dist') {
    if (built === undefined) throw new Error('--server dist: dist/server.js does not exist; run npm run build')
    return { command: fromBuild, why: '--server dist' }
  }
  if (built === undefined) return { command: fromSource, why: 'no dist/server.js' }
  const newestBuilt = await newestMtime(path.join(repoRoot, 'dist'), '.js')
  const newestSource = await newestMtime(path.join(repoRoot, 'src'), '.ts')
  return newestBuilt >= newestSource
    ? { command: fromBuild, why: 'dist/ is newer than src/' }
    : { command: fromSource, why: 'src/ changed after the last build (npm run build to measure the built server)' }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
const log = (message: string): void => console.log(`[bench:serve] ${message}`)

async function upload(server: ServerProcess, name: string, bytes: Buffer): Promise<string> {
  const outcome = await pacedUpload(`${server.baseUrl}/upload-dataset`, name, bytes, 0, 1)
  if (!answered(outcome) || outcome.status !== 200) throw new Error(`uploading ${name}: ${answered(outcome) ? `${outcome.status} ${JSON.stringify(outcome.body)}` : outcome.error}`)
  return String((outcome.body as { dataset_id: unknown }).dataset_id)
}

/** The heaviest algorithm this server has: gradient boosting, else random forest. */
async function heaviestAlgorithm(server: ServerProcess): Promise<string> {
  const list = (await expectJson(server.baseUrl, 'GET', '/algorithms')) as { algorithms?: { id: string; available: boolean }[] }
  const available = new Set((list.algorithms ?? []).filter((a) => a.available).map((a) => a.id))
  const pick = ['gradient_boosting', 'random_forest'].find((id) => available.has(id))
  if (pick === undefined) throw new Error('neither gradient_boosting nor random_forest is available')
  return pick
}

async function runLoad(tool: LoadTool, target: LoadTarget, options: Options, durationS: number): Promise<LoadResult> {
  return tool === 'paced'
    ? pacedLoad(target, { rate: options.rate, durationS })
    : autocannonLoad(target, { rate: options.rate, durationS, connections: options.connections })
}

const brief = (r: LoadResult): string =>
  `sent ${r.sent}/${r.scheduled}, p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms, max ${r.max.toFixed(1)} ms, non-2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts}`

async function main(): Promise<number> {
  let options: Options | undefined
  try {
    options = parseOptions(process.argv.slice(2))
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`)
    return 2
  }
  if (options === undefined) {
    console.log(USAGE)
    return 0
  }
  const started = performance.now()
  const loadStart = os.loadavg()
  const env = environment(undefined)
  const { command, why } = await chooseServer(options.server)
  log(`server: ${command.label} (${why})`)
  const storage = await mkdtemp(path.join(tmpdir(), 'vigil-bench-serve-'))
  let server: ServerProcess | undefined
  try {
    server = await startServer({ storage, server: command })
    log(`server up in ${Math.round(server.startupMs)} ms; storage ${storage}`)

    const predictCsv = syntheticCsv(PREDICT_ROWS, PREDICT_COLS, 11)
    const predictDataset = await upload(server, 'predict.csv', predictCsv.bytes)
    await expectJson(server.baseUrl, 'POST', `/train/${predictDataset}`, { algorithm: 'isolation_forest', target_column: 'x0', model_id: 'serve-predict' })
    const body = JSON.stringify({ model_id: 'serve-predict', data: sampleRow(PREDICT_COLS) })
    const target: LoadTarget = { url: `${server.baseUrl}/predict`, body }
    await expectJson(server.baseUrl, 'POST', '/predict', JSON.parse(body) as unknown)

    const algorithm = await heaviestAlgorithm(server)
    log(`uploading ${options.trainRows} x ${TRAIN_COLS} rows for ${algorithm}`)
    const trainCsv = syntheticCsv(options.trainRows, TRAIN_COLS, 12)
    const trainDataset = await upload(server, 'train.csv', trainCsv.bytes)
    const jobs = (await requestJson(server.baseUrl, 'GET', '/jobs')).status === 200
    log(jobs ? 'jobs API present: trainings run as ?wait=false jobs' : 'no jobs API (GET /jobs is not 200): trainings run as synchronous requests')

    // first uses cost once per process (the job routes' response serialisers, the worker's JIT): pay them before measuring, as /predict's are paid by the load warm-up
    log('warm-up: trainings through the same path, unmeasured')
    const trainingRequest = { baseUrl: server.baseUrl, datasetId: trainDataset, body: { algorithm, target_column: 'x0', label_column: 'label' } }
    const warmTraining = startTraining(trainingRequest, jobs)
    await warmTraining.running()
    await warmTraining.stop(10 * 60_000)
    log(`warm-up: ${WARMUP_S} s at ${options.rate} req/s`)
    for (const tool of options.tools) await runLoad(tool, target, options, tool === 'paced' ? WARMUP_S : 2)

    const idle: LoadResult[] = []
    for (const tool of options.tools) {
      log(`idle: ${tool}, ${options.durationS} s at ${options.rate} req/s`)
      const result = await runLoad(tool, target, options, options.durationS)
      idle.push(result)
      log(`  ${brief(result)}`)
    }

    log(`training: ${algorithm} on ${options.trainRows} rows, kept running`)
    const driver = startTraining(
      trainingRequest,
      jobs,
    )
    const training: LoadResult[] = []
    const windows: PhaseTraining[] = []
    try {
      await driver.running()
      await sleep(1_000)
      for (const tool of options.tools) {
        log(`while training: ${tool}, ${options.durationS} s at ${options.rate} req/s`)
        const result = await runLoad(tool, target, options, options.durationS)
        training.push(result)
        windows.push({
          tool,
          overlapping: overlapping(driver.runs, result.startedAt, result.finishedAt).length,
          coverage: trainingCoverage(driver.runs, result.startedAt, result.finishedAt),
        })
        log(`  ${brief(result)}; ${windows[windows.length - 1]?.overlapping} training(s) overlapped`)
      }
    } finally {
      log('waiting for the trainings still running to end')
      await driver.stop(180_000)
    }

    const verdicts = options.tools.map((tool, i) => judge(idle[i] as LoadResult, training[i] as LoadResult, windows[i] as PhaseTraining, tool === 'paced'))
    const complete = options.rate === DEFAULTS.rate && options.durationS === DEFAULTS.durationS && options.trainRows === DEFAULTS.trainRows && options.tools.includes('paced')
    const report: ServeReport = {
      generatedAt: new Date().toISOString(),
      complete,
      environment: env,
      loadAverage: { start: loadStart, end: os.loadavg() },
      server: command.label,
      options: { rate: options.rate, durationS: options.durationS, connections: options.connections, trainRows: options.trainRows, trainCols: TRAIN_COLS, tools: options.tools },
      predict: { algorithm: 'isolation_forest', rows: PREDICT_ROWS, cols: PREDICT_COLS, body },
      trainingAlgorithm: algorithm,
      trainingMode: driver.mode,
      idle,
      training,
      trainingWindows: windows,
      trainingRuns: driver.runs,
      verdicts,
      wallMs: performance.now() - started,
    }
    console.log(renderConsole(report))
    log(`raw results: ${path.relative(repoRoot, saveRawResults(report, resultsDir, 'serve'))}`)
    if (complete) {
      await writeFile(docFile, renderMarkdown(report))
      log(`wrote ${path.relative(repoRoot, docFile)}`)
    } else {
      log(`trial run (not the protocol's parameters): ${path.relative(repoRoot, docFile)} left alone`)
    }
    return 0
  } finally {
    await server?.stop(15_000)
    await rm(storage, { recursive: true, force: true })
  }
}

main().then(
  (code) => {
    process.exitCode = code
  },
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err))
    process.exitCode = 1
  },
)
