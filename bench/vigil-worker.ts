/**
 * Vigil's side of one (algorithm, dataset) pair, in a child process of its own
 * so that its peak RSS is its own. Started by bench/side-process.ts as
 *   node --import tsx bench/vigil-worker.ts --algorithm ID --mode compare|train --data DIR ...
 * (see worker-args.ts); prints one JSON event per line (worker-protocol.ts).
 * The plugin runs with its defaults (`Value.Default(plugin.params, {})`).
 */
import { parseArgs } from 'node:util'
import { Value } from 'typebox/value'
import type { Matrix } from '../src/math/matrix.js'
import { registry } from '../src/detectors/registry.js'
import type { Fitted } from '../src/detectors/types.js'
import { readDataset, readIndices, splitFile, warmupFile } from './data-files.js'
import { singleRows, takeLabels, takeRows, tileRows } from './rows.js'
import { median, quantile } from './stats.js'
import { encodeEvent, type WorkerEvent } from './worker-protocol.js'

const emit = (e: WorkerEvent): void => {
  process.stdout.write(`${encodeEvent(e)}\n`)
}
const peakRssKb = (): number => process.resourceUsage().maxRSS

function readArgs() {
  const { values } = parseArgs({
    options: {
      algorithm: { type: 'string' },
      mode: { type: 'string', default: 'compare' },
      data: { type: 'string' },
      seeds: { type: 'string', default: '0' },
      'batch-rows': { type: 'string', default: '10000' },
      'latency-calls': { type: 'string', default: '2000' },
      'latency-warmup': { type: 'string', default: '200' },
      'latency-max-s': { type: 'string', default: 'Infinity' },
      'budget-s': { type: 'string', default: 'Infinity' },
      'warmup-rounds': { type: 'string', default: '1' },
      'warmup-seed': { type: 'string', default: '1000' },
    },
  })
  const { algorithm, data, mode } = values
  if (algorithm === undefined || data === undefined) throw new Error('--algorithm and --data are required')
  if (mode !== 'compare' && mode !== 'train') throw new Error(`--mode must be compare or train, got ${mode}`)
  return {
    algorithm,
    data,
    mode,
    seeds: values.seeds.split(',').filter((s) => s !== '').map(Number),
    batchRows: Number(values['batch-rows']),
    latencyCalls: Number(values['latency-calls']),
    latencyWarmup: Number(values['latency-warmup']),
    latencyMaxMs: Number(values['latency-max-s']) * 1000,
    budgetMs: Number(values['budget-s']) * 1000,
    warmupRounds: Number(values['warmup-rounds']),
    warmupSeed: Number(values['warmup-seed']),
  }
}

type Args = ReturnType<typeof readArgs>

interface Trainer {
  fit(X: Matrix, y: Uint8Array, seed: number): Promise<Fitted<unknown>>
}

/** The registered plugin (whose `fit` checks its input) with its default parameters. */
function trainer(id: string, featureNames: readonly string[]): Trainer {
  const plugin = registry.get(id)
  const params = Value.Default(plugin.params, {})
  // unsupervised plugins never see the labels
  return { fit: (X, y, seed) => plugin.fit({ X, featureNames, seed, ...(plugin.supervised ? { y } : {}) }, params) }
}

async function compare(args: Args, t: Trainer, X: Matrix, y: Uint8Array): Promise<void> {
  const started = performance.now()
  let longestSeedMs = 0
  for (const [k, seed] of args.seeds.entries()) {
    const elapsed = performance.now() - started
    if (k > 0 && elapsed + longestSeedMs > args.budgetMs) {
      emit({ event: 'stopped', reason: `time budget: ${k} of ${args.seeds.length} seeds done in ${(elapsed / 1000).toFixed(0)} s` })
      break
    }
    const seedStart = performance.now()
    const trainIdx = readIndices(splitFile(args.data, seed, 'train'))
    const test = takeRows(X, readIndices(splitFile(args.data, seed, 'test')))
    const train = takeRows(X, trainIdx)
    const trainY = takeLabels(y, trainIdx)
    const batch = tileRows(test, args.batchRows)
    const t0 = performance.now()
    const model = await t.fit(train, trainY, seed)
    const t1 = performance.now()
    const scores = model.score(test)
    const t2 = performance.now()
    model.score(batch)
    const t3 = performance.now()
    const notes = model.notes ?? {}
    emit({ event: 'seed', seed, trainRows: train.rows, trainMs: t1 - t0, batchRows: batch.rows, batchMs: t3 - t2, scores, notes, peakRssKb: peakRssKb() })
    if (k === 0) emit(latency(model, test, args))
    longestSeedMs = Math.max(longestSeedMs, performance.now() - seedStart)
  }
}

/**
 * One-row scoring calls, each timed on its own: up to `latencyWarmup` untimed
 * calls (at most a tenth of the time cap), then up to `latencyCalls` timed
 * calls, stopping early once they add up to the cap.
 */
function latency(model: Fitted<unknown>, test: Matrix, args: Pick<Args, 'latencyCalls' | 'latencyWarmup' | 'latencyMaxMs'>): WorkerEvent {
  const rows = singleRows(test, args.latencyCalls + args.latencyWarmup)
  const w0 = performance.now()
  for (let i = 0; i < args.latencyWarmup && performance.now() - w0 < args.latencyMaxMs / 10; i++) model.score(rows[i] as Matrix)
  const us = new Float64Array(args.latencyCalls)
  let calls = 0
  let totalMs = 0
  while (calls < args.latencyCalls && totalMs < args.latencyMaxMs) {
    const row = rows[args.latencyWarmup + calls] as Matrix
    const t0 = performance.now()
    model.score(row)
    const ms = performance.now() - t0
    us[calls++] = ms * 1000
    totalMs += ms
  }
  const timed = us.subarray(0, calls)
  return { event: 'latency', calls, medianUs: median(timed), p90Us: quantile(timed, 0.9) }
}

async function trainOnce(args: Args, t: Trainer, X: Matrix, y: Uint8Array): Promise<void> {
  const seed = args.seeds[0] ?? 0
  const t0 = performance.now()
  const model = await t.fit(X, y, seed)
  const t1 = performance.now()
  const batch = tileRows(X, args.batchRows)
  const t2 = performance.now()
  model.score(batch)
  const t3 = performance.now()
  emit({ event: 'trained', trainRows: X.rows, trainMs: t1 - t0, batchRows: batch.rows, batchMs: t3 - t2, notes: model.notes ?? {}, peakRssKb: peakRssKb() })
}

async function main(): Promise<void> {
  const args = readArgs()
  const { X, y, featureNames } = readDataset(args.data)
  emit({ event: 'loaded', rows: X.rows, cols: X.cols, baselineRssKb: peakRssKb() })
  const t = trainer(args.algorithm, featureNames)
  // untimed warm-up rounds on a small stratified subset of the training rows (JIT)
  const warm = readIndices(warmupFile(args.data))
  const [warmX, warmY] = [takeRows(X, warm), takeLabels(y, warm)]
  for (let round = 0; round < args.warmupRounds; round++) (await t.fit(warmX, warmY, args.warmupSeed + round)).score(warmX)
  if (args.mode === 'compare') await compare(args, t, X, y)
  else await trainOnce(args, t, X, y)
  emit({ event: 'done', peakRssKb: peakRssKb() })
}

try {
  await main()
} catch (e) {
  emit({ event: 'error', message: e instanceof Error ? e.message : String(e) })
  process.exitCode = 1
}
