/** Command-line options of `npm run bench` and `npm run bench:large`. */
import { parseArgs } from 'node:util'
import { ALGORITHM_NAMES } from '../src/detectors/registry.js'
import { DATASETS, LARGE_DATASET } from './datasets.js'
import { DEFAULT_BUDGET_MIN, DEFAULT_SEED_COUNT, DEFAULT_TIMEOUT_MIN, LARGE_TIMEOUT_MIN } from './protocol.js'

export class UsageError extends Error {}

interface Common {
  /** Algorithms asked for with --only; undefined = all six (those registered run). */
  readonly only?: readonly string[]
  readonly budgetMinutes: number
  readonly timeoutMinutes: number
}

export interface RunOptions extends Common {
  readonly datasets?: readonly string[]
  readonly seedCount: number
}

export interface LargeOptions extends Common {
  readonly rows: number
  readonly sklearn: boolean
}

export const RUN_USAGE = `npm run bench [-- options]
  --only ID[,ID...]       algorithms (default: all six; unregistered ones are skipped): ${ALGORITHM_NAMES.join(', ')}
  --datasets NAME[,...]   datasets (default: all): ${DATASETS.map((d) => d.name).join(', ')}
  --seeds N               seeds 0..N-1 (default ${DEFAULT_SEED_COUNT})
  --budget-min M          a side starts no further seed once its seeds project past M minutes (default ${DEFAULT_BUDGET_MIN})
  --timeout-min M         a side still running after M minutes is killed: "error: timeout" (default ${DEFAULT_TIMEOUT_MIN})
Only a complete run (every registered algorithm, every dataset, ${DEFAULT_SEED_COUNT} seeds, scikit-learn available) rewrites docs/benchmarks.md.`

export const LARGE_USAGE = `npm run bench:large [-- options]
  --only ID[,ID...]       algorithms (default: all six; unregistered ones are skipped)
  --sklearn               also fit scikit-learn's IsolationForest, LogisticRegression, HistGradientBoostingClassifier on the same rows
  --rows N                rows of the synthetic set (default ${LARGE_DATASET.rows}); anything else is a trial run
  --timeout-min M         a side still running after M minutes is killed (default ${LARGE_TIMEOUT_MIN})
Only a complete run (every registered algorithm, ${LARGE_DATASET.rows} rows) rewrites docs/benchmarks-large.md.`

/** Parsed options, or undefined after printing the usage for --help. */
export function parseRunOptions(argv: readonly string[]): RunOptions | undefined {
  const v = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      only: { type: 'string' },
      datasets: { type: 'string' },
      seeds: { type: 'string' },
      'budget-min': { type: 'string' },
      'timeout-min': { type: 'string' },
    },
  }).values
  if (v.help === true) return undefined
  const only = listOption('only', v.only, ALGORITHM_NAMES)
  const datasets = listOption('datasets', v.datasets, DATASETS.map((d) => d.name))
  return {
    ...(only === undefined ? {} : { only }),
    ...(datasets === undefined ? {} : { datasets }),
    seedCount: numberOption('seeds', v.seeds, DEFAULT_SEED_COUNT, true),
    budgetMinutes: numberOption('budget-min', v['budget-min'], DEFAULT_BUDGET_MIN),
    timeoutMinutes: numberOption('timeout-min', v['timeout-min'], DEFAULT_TIMEOUT_MIN),
  }
}

export function parseLargeOptions(argv: readonly string[]): LargeOptions | undefined {
  const v = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      only: { type: 'string' },
      sklearn: { type: 'boolean' },
      rows: { type: 'string' },
      'timeout-min': { type: 'string' },
    },
  }).values
  if (v.help === true) return undefined
  const only = listOption('only', v.only, ALGORITHM_NAMES)
  return {
    ...(only === undefined ? {} : { only }),
    sklearn: v.sklearn === true,
    rows: numberOption('rows', v.rows, LARGE_DATASET.rows, true),
    budgetMinutes: Infinity,
    timeoutMinutes: numberOption('timeout-min', v['timeout-min'], LARGE_TIMEOUT_MIN),
  }
}

/** A comma-separated list, every item one of `allowed`; undefined when the option was not given. */
function listOption(name: string, value: string | undefined, allowed: readonly string[]): string[] | undefined {
  if (value === undefined) return undefined
  const items = [...new Set(value.split(',').map((s) => s.trim()).filter((s) => s !== ''))]
  const unknown = items.filter((s) => !allowed.includes(s))
  if (items.length === 0 || unknown.length > 0) {
    throw new UsageError(`--${name}: ${unknown.length > 0 ? `unknown ${unknown.join(', ')}` : 'empty list'}; choose from ${allowed.join(', ')}`)
  }
  return items
}

function numberOption(name: string, value: string | undefined, fallback: number, integer = false): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new UsageError(`--${name} must be a positive ${integer ? 'whole ' : ''}number, got "${value}"`)
  }
  return n
}
