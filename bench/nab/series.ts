/** One NAB series read from the shared data folder: values, window labels and window row ranges. */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { WindowRange } from './nab-score.js'
import { NAB_CATEGORIES } from './paths.js'

export interface NabSeries {
  readonly category: string
  readonly name: string
  /** The unlabelled `NAME.csv`, byte for byte: what the service is given. */
  readonly csv: string
  /** `YYYY-MM-DD HH:MM:SS`, in file (= time) order. */
  readonly timestamps: readonly string[]
  readonly values: Float64Array
  /** 1 inside a NAB window (from `NAME_labeled.csv`); only used for scoring. */
  readonly labels: Uint8Array
  /** NAB windows as inclusive row ranges, in time order. */
  readonly windows: readonly WindowRange[]
}

/** Every series of the three categories; `undefined` when a folder is missing. */
export async function loadNabCorpus(dataDir: string): Promise<NabSeries[] | undefined> {
  const folders = NAB_CATEGORIES.map((c) => path.join(dataDir, `nab-${c}`))
  if (!folders.every((f) => existsSync(f))) return undefined
  const corpus: NabSeries[] = []
  for (const [k, category] of NAB_CATEGORIES.entries()) {
    const folder = folders[k] as string
    const windows = JSON.parse(await readFile(path.join(folder, 'combined_windows.json'), 'utf8')) as Record<string, [string, string][]>
    for (const key of Object.keys(windows).sort()) {
      const name = path.basename(key, '.csv')
      corpus.push(await loadSeries(folder, category, name, windows[key] ?? []))
    }
  }
  return corpus
}

async function loadSeries(folder: string, category: string, name: string, bounds: readonly [string, string][]): Promise<NabSeries> {
  const csv = await readFile(path.join(folder, `${name}.csv`), 'utf8')
  const labeled = (await readFile(path.join(folder, `${name}_labeled.csv`), 'utf8')).trim().split(/\r?\n/)
  if (labeled[0]?.trim() !== 'timestamp,value,is_anomaly') throw new Error(`${name}_labeled.csv: unexpected header '${labeled[0]}'`)
  const body = labeled.slice(1)
  const timestamps: string[] = []
  const values = new Float64Array(body.length)
  const labels = new Uint8Array(body.length)
  body.forEach((line, i) => {
    const [ts, v, y] = line.split(',')
    timestamps.push((ts ?? '').slice(0, 19))
    values[i] = Number(v)
    labels[i] = y === '1' ? 1 : 0
  })
  const windows = bounds.map(([start, end]) => toRange(timestamps, start.slice(0, 19), end.slice(0, 19), name))
  checkLabels(labels, windows, name)
  return { category, name, csv, timestamps, values, labels, windows }
}

/** Rows from the first at or after `start` to the last at or before `end` (the timestamps sort as text). */
function toRange(timestamps: readonly string[], start: string, end: string, name: string): WindowRange {
  const first = timestamps.findIndex((t) => t >= start)
  let last = -1
  for (let i = timestamps.length - 1; i >= 0; i--) {
    if ((timestamps[i] as string) <= end) {
      last = i
      break
    }
  }
  if (first < 0 || last < first) throw new Error(`${name}: window ${start} .. ${end} holds no row`)
  return { start: first, end: last }
}

/** The labelled copy and the windows file must agree, or the scores would mean two different things. */
function checkLabels(labels: Uint8Array, windows: readonly WindowRange[], name: string): void {
  const inWindow = new Uint8Array(labels.length)
  for (const w of windows) inWindow.fill(1, w.start, w.end + 1)
  const differ = labels.findIndex((y, i) => y !== inWindow[i])
  if (differ >= 0) throw new Error(`${name}: is_anomaly of row ${differ} disagrees with combined_windows.json`)
}
