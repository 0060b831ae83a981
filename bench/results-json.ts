/** Save the raw report (per-seed metrics and timings) under bench/results/, which git ignores. */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { BenchReport } from './report.js'

/** Writes `<timestamp>.json` and `latest.json`; returns the timestamped path. */
export function saveRawResults(report: BenchReport, dir: string): string {
  mkdirSync(dir, { recursive: true })
  const json = `${JSON.stringify(report, null, 2)}\n`
  const file = path.join(dir, `bench-${report.generatedAt.replace(/[:.]/g, '-')}.json`)
  writeFileSync(file, json)
  writeFileSync(path.join(dir, 'latest.json'), json)
  return file
}
