/** Save a run's raw numbers (per-seed metrics, timings, memory) under bench/results/, which git ignores. */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/** Writes `<prefix>-<timestamp>.json` and `<prefix>-latest.json`; returns the timestamped path. */
export function saveRawResults(report: { readonly generatedAt: string }, dir: string, prefix: string): string {
  mkdirSync(dir, { recursive: true })
  const json = `${JSON.stringify(report, null, 2)}\n`
  const file = path.join(dir, `${prefix}-${report.generatedAt.replace(/[:.]/g, '-')}.json`)
  writeFileSync(file, json)
  writeFileSync(path.join(dir, `${prefix}-latest.json`), json)
  return file
}
