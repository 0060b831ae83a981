/** docs/benchmarks-nab.md: protocol, how to reproduce, the machine, the tables and the analysis. */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { BASELINE_WINDOW } from './baseline.js'
import type { BenchResult } from './experiment.js'
import { probationLength, STANDARD_PROFILE } from './nab-score.js'
import { CONTAMINATION, SEEDS } from './ways.js'

export interface DocInput {
  readonly result: BenchResult
  /** The printed tables, Markdown. */
  readonly tables: string
  readonly seconds: number
  readonly machine: string
  /** 1-minute load average at the start and the end of the run. */
  readonly load: readonly [number, number]
  readonly date: string
}

const analysisFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'analysis.md')

export async function renderDoc(input: DocInput): Promise<string> {
  const { result } = input
  const rows = result.series.reduce((n, s) => n + s.values.length, 0)
  const windows = result.series.reduce((n, s) => n + s.windows.length, 0)
  const algorithms = result.algorithms.map((a) => `\`${a.algorithm}\``).join(' and ')
  const analysis = await readFile(analysisFile, 'utf8').catch(() => '')
  return `# NAB benchmark: raw value vs automatic features

Isolation forest${result.algorithms.length > 1 ? ' and local outlier factor' : ''} on the ${result.series.length} real-world series of the Numenta Anomaly Benchmark (NAB) categories realKnownCause, realAWSCloudwatch and realTraffic (${rows.toLocaleString('en-US')} rows, ${windows} anomaly windows), each trained and scored three ways, to check the acceptance criterion *"automatic features must beat raw value on the mean of the series"* (AUROC, PR-AUC and NAB score). This file is written by \`npm run bench:nab\`; do not edit it by hand (the analysis comes from \`bench/nab/analysis.md\`).

Last run: ${input.date}, ${input.machine}; ${Math.round(input.seconds)} s in all (1-minute load average ${input.load.map((l) => l.toFixed(1)).join(' at the start, ')} at the end; other work on the machine slows the run but does not change the scores). Algorithms run: ${algorithms}${result.algorithms.some((a) => a.algorithm === 'local_outlier_factor') ? '' : ' (local outlier factor is added automatically once it is registered in `src/detectors/registry.ts`)'}.

## How to reproduce

\`\`\`sh
npm run bench:nab                    # = tsx bench/nab/run.ts; prints the tables and rewrites this file
npm run bench:nab -- --no-ablations  # skips the isolation-forest ablations (about 3x faster)
npx tsx bench/nab/check-nab-score.ts # unit checks of the NAB scorer
\`\`\`

The data are read from \`../shared/data\` next to the repository (or \`$VIGIL_DATA_DIR\`): folders \`nab-realKnownCause\`, \`nab-realAWSCloudwatch\`, \`nab-realTraffic\`, each with \`NAME.csv\` (\`timestamp,value\`, NAB's file byte for byte), \`NAME_labeled.csv\` (adds \`is_anomaly\` = inside a NAB window) and \`combined_windows.json\` (the windows, keyed \`category/file.csv\`). Without the folders the bench prints why and exits 0. The bench checks that \`is_anomaly\` and the windows file agree row for row.

## Protocol

Vigil runs in-process through its real HTTP code path: \`buildApp(loadConfig({ MODEL_STORAGE_PATH: <temp dir>, LOG_LEVEL: 'silent' }))\`, then \`app.inject()\`. For each series the unlabelled \`NAME.csv\` is uploaded once (\`POST /upload-dataset\`); each way trains one model on the whole series (\`POST /train/{dataset_id}\`) and scores every row of it in time order with \`POST /predict-batch\` and \`history: []\`, so lags and windows are computed within the batch exactly as at training (series over 100,000 rows would be sent in chunks, each with the 1,000 rows before it as history; none is that long). Labels are never sent to the service; they are used only for scoring. The score is \`anomaly_score\` (higher = more anomalous).

The three ways:

| way | what the model sees | training request |
| --- | --- | --- |
| raw | the value only | \`{"algorithm": A, "target_column": "value", "features": false, "contamination": ${CONTAMINATION}, "random_state": s}\` |
| auto | the default feature pipeline: \`timestamp\` is detected and gives the calendar parts the series' span supports (hour from 2 days, day_of_week and is_weekend from 14 days, month from 730 days: none of these series is long enough for month); lags 1, 2, 3, 7 of value; rolling mean, std and z-score of value over the 7, 14 and 48 preceding rows; the difference from the previous value (17 to 18 model inputs with value itself) | \`{"algorithm": A, "target_column": "value", "contamination": ${CONTAMINATION}, "random_state": s}\` |
| base | no model: a rolling z-score, close to NAB's "windowed Gaussian": score_t = \\|x_t − mean(previous w)\\| / std(previous w), population std, w = ${BASELINE_WINDOW} (the longest default window of auto, so both see the same context), 0 for the first two rows, capped at 1000 | – |

Isolation forest uses the default parameters (100 trees, 256 rows per tree) and is run with seeds ${SEEDS.join(', ')}; every metric (and the threshold below) is computed per seed and the table shows the mean over seeds. Local outlier factor (n_neighbors 20, novelty-style scoring as in scikit-learn's \`novelty=True\`) has no randomness below 100,000 rows and is run with seed ${SEEDS[0]} only. Note that the models are trained on the same series they score (unsupervised, as a user of the service would do on a historical series), unlike NAB's streaming setting in which a detector only sees the past; the numbers are therefore not comparable with NAB's scoreboard (which also covers 58 series).

Metrics per series and way:

- **AUROC** and **PR-AUC** (average precision) of the scores against \`is_anomaly\` over all rows (\`src/math/metrics.ts\`). A window covers about 10% of a series, so a random score has AUROC 0.5 and PR-AUC about 0.10.
- **NAB score**, standard profile (A_TP = ${STANDARD_PROFILE.tp}, A_FP = −${STANDARD_PROFILE.fp}, A_FN = −${STANDARD_PROFILE.fn}), reimplemented in \`bench/nab/nab-score.ts\` after NAB's \`sweeper.py\`: a detection at row i of a window [s, e] is worth σ(−(e − i + 1)/(e − s + 1)) · A_TP / σ(−1) with σ(y) = 2/(1 + e^{5y}) − 1, so 1 at the window's first row and about 0 at its last; only the best (earliest) detection of a window counts; a window without detection costs A_FN; a detection outside windows costs A_FP · |σ(d)| where d is its distance after the end of the preceding window in units of that window's width − 1 (full cost before the first window and from 3 widths on); detections in the probationary period (the first min(15% of rows, 750) rows, e.g. ${probationLength(4032)} of 4,032) are ignored, as are windows entirely inside it (none here). Detections are the rows scoring at or above one threshold per detector, way and seed, chosen as in NAB to maximise the total score over the whole corpus: the sweep lowers the threshold one distinct score at a time (every quantile of the pooled scores), and the tables report it with its quantile among the pooled scores. Normalisation: 100 · (raw − null) / (perfect − null), with null = A_FN per window (no detections) and perfect = A_TP per window. The per-series NAB column normalises each series by its own windows (so one series with many false positives can go far below 0); **corpus NAB** is NAB's own number, the pooled raw score normalised by all ${windows} windows.

Means are plain means over the series of a category, and over all ${result.series.length} series.

## Results

${input.tables}
${analysis.trim() === '' ? '' : `\n## Analysis\n\n${analysis.trim()}\n`}`
}
