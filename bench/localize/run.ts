/**
 * `npm run bench:localize [-- --cases 8 --seed 1]`: Vigil's localiser
 * against Adtributor on the same semi-synthetic cases (generate-case.ts),
 * per measure, root-cause dimensions, severity and noise level, with `--cases` cases
 * per setting (1, 2 or 3 root causes in turn). Scores are exact matches of
 * root-cause sets (RiskLoc's F1); times are per case, from leaf rows to the
 * answer (readLeaves + the method), on 20,000 leaves. Rewrites
 * docs/benchmarks-localize.md.
 */
import { writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { localize, readLeaves } from '../../src/localize/index.js'
import { describeEnvironment, environment } from '../environment.js'
import { repoRoot } from '../paths.js'
import { adtributor } from './adtributor.js'
import { generateCase, type CaseSettings } from './generate-case.js'
import { type CaseResult, renderLocalizeReport } from './localize-report.js'
import { scoreCase } from './score-case.js'

/** 10 × 10 × 8 × 5 × 5 = 20,000 leaves. */
const CARDINALITIES = [10, 10, 8, 5, 5]
const NOISE_LEVELS = [0.05, 0.15, 0.3]
const METHODS = {
  vigil: (rows: Parameters<typeof readLeaves>[0]) => localize(readLeaves(rows)).root_causes.map((r) => r.dimensions),
  adtributor: (rows: Parameters<typeof readLeaves>[0]) => adtributor(readLeaves(rows)),
} as const

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { cases: { type: 'string', default: '8' }, seed: { type: 'string', default: '1' }, out: { type: 'string' } } })
  const perSetting = Number(values.cases)
  const seed0 = Number(values.seed)
  const results: CaseResult[] = []
  const started = performance.now()
  let seed = seed0 * 100_000
  for (const measure of ['count', 'rate'] as const) {
    for (const rootCauseDims of [1, 2, 3]) {
      for (const severity of ['standard', 'weak'] as const) {
      for (const noise of NOISE_LEVELS) {
        for (let i = 0; i < perSetting; i++) {
          // root causes cycle 1, 2, 3; every other case plants them in different cuboids
          const settings: CaseSettings = { measure, cardinalities: CARDINALITIES, rootCauseDims, rootCauses: 1 + (i % 3), cuboids: i % 2 === 0 ? 'same' : 'mixed', noise, severity, seed: seed++ }
          const c = generateCase(settings)
          for (const [method, run] of Object.entries(METHODS)) {
            const t0 = performance.now()
            const predicted = run(c.leaves)
            const ms = performance.now() - t0
            results.push({ method, settings, ms, score: scoreCase(predicted, c.truth) })
          }
        }
        process.stderr.write(`${measure} ${rootCauseDims}-dim ${severity} noise ${noise}: done (${((performance.now() - started) / 1000).toFixed(0)} s)\n`)
      }
      }
    }
  }
  const load = os.loadavg().map((l) => l.toFixed(1)).join(' ')
  const doc = renderLocalizeReport(results, {
    leaves: CARDINALITIES.reduce((p, n) => p * n, 1),
    cardinalities: CARDINALITIES,
    perSetting,
    seed: seed0,
    environment: `${describeEnvironment(environment(undefined)).replace('; scikit-learn unavailable', '')}; load average ${load} (a shared machine: times move with it)`,
    command: `npm run bench:localize -- --cases ${perSetting} --seed ${seed0}`,
  })
  const out = values.out ?? path.join(repoRoot, 'docs', 'benchmarks-localize.md')
  await writeFile(out, doc)
  process.stdout.write(`${doc}\nwrote ${out}\n`)
}

await main()
