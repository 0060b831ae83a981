import { describe, expect, it } from 'vitest'
import { createRng, type Rng } from '../../src/math/random.js'
import {
  binomialCusumStep,
  binomialFixedSampleSize,
  countCusumStep,
  createBinomialCusum,
  createCountCusum,
  createSprt,
  cusumThreshold,
  sprtAverageSampleNumber,
  sprtStep,
} from '../../src/stats/index.js'
import { bernoulli } from './samplers.js'

/**
 * The bounds table of docs/statistics.md (and of the guide): how many requests of
 * the affected combination a regression needs before any test can call it.
 * The test prints the table it checked; the doc reproduces that output.
 */

const ALPHA = 1e-5
const BETA = 0.1
const RUNS = 1000

interface Row {
  readonly p0: number
  readonly p1: number
  /** The guide's exact fixed-test sizes at α = 1e-3 and 1e-5 (90 % power). */
  readonly fixed3: number
  readonly fixed5: number
}

const ROWS: readonly Row[] = [
  { p0: 0.001, p1: 0.2, fixed3: 18, fixed5: 25 },
  { p0: 0.01, p1: 0.5, fixed3: 9, fixed5: 12 },
  { p0: 0.01, p1: 0.2, fixed3: 32, fixed5: 45 },
  { p0: 0.01, p1: 0.1, fixed3: 91, fixed5: 128 },
  { p0: 0.01, p1: 0.05, fixed3: 282, fixed5: 423 },
  { p0: 0.05, p1: 0.5, fixed3: 14, fixed5: 21 },
]

/** Mean and 90th percentile of `draw()` over RUNS runs. */
function summarise(draw: () => number): { mean: number; p90: number } {
  const values = Float64Array.from({ length: RUNS }, draw).sort()
  return { mean: values.reduce((s, v) => s + v, 0) / RUNS, p90: values[Math.ceil(0.9 * RUNS) - 1] ?? NaN }
}

/** Requests until one SPRT decides (either way), request by request at the true rate p1. */
function sprtRequests(rng: Rng, p0: number, p1: number): number {
  let state = createSprt()
  for (;;) {
    const step = sprtStep(state, { errors: bernoulli(rng, p1), requests: 1, at: state.requests }, { p0, p1 }, { alpha: ALPHA, beta: BETA })
    state = step.state
    if (step.decision !== 'continue') return state.requests
  }
}

/** Requests until the CUSUM alarms, from a fresh start with the rate already at p1. */
function cusumRequests(rng: Rng, p0: number, p1: number): number {
  let state = createBinomialCusum()
  const threshold = cusumThreshold(ALPHA)
  for (let n = 1; ; n++) {
    const step = binomialCusumStep(state, { errors: bernoulli(rng, p1), requests: 1, at: n }, { p0, p1, threshold })
    state = step.state
    if (step.alarm) return n
  }
}

describe('bounds table', () => {
  it("reproduces the guide's exact fixed-test sizes and Wald's averages, and simulates the sequential tests", () => {
    const rng = createRng(16)
    const lines = [
      '| base error rate → regressed | fixed test, α = 1e-3 | fixed test, α = 1e-5 | Wald SPRT mean n (formula) | SPRT simulated mean / p90 | CUSUM simulated mean / p90 |',
      '|---|---:|---:|---:|---:|---:|',
    ]
    for (const row of ROWS) {
      const fixed3 = binomialFixedSampleSize(row.p0, row.p1, 1e-3, 0.9).n
      const fixed5 = binomialFixedSampleSize(row.p0, row.p1, 1e-5, 0.9).n
      expect([fixed3, fixed5]).toEqual([row.fixed3, row.fixed5])
      const wald = sprtAverageSampleNumber(row.p0, row.p1, ALPHA, BETA).underH1
      const sprt = summarise(() => sprtRequests(rng, row.p0, row.p1))
      const cusum = summarise(() => cusumRequests(rng, row.p0, row.p1))
      // The simulated average is Wald's plus the overshoot past the boundary (a few requests).
      expect(sprt.mean).toBeGreaterThan(wald * 0.95)
      expect(sprt.mean).toBeLessThan(wald * 1.25)
      const pct = (p: number): string => `${+(p * 100).toPrecision(2)}%`
      lines.push(
        `| ${pct(row.p0)} → ${pct(row.p1)} | ${fixed3} | ${fixed5} | ${wald.toFixed(1)} | ${sprt.mean.toFixed(1)} / ${sprt.p90} | ${cusum.mean.toFixed(1)} / ${cusum.p90} |`,
      )
    }
    const wald = (p0: number, p1: number): number => Number(sprtAverageSampleNumber(p0, p1, ALPHA, BETA).underH1.toFixed(1))
    expect([wald(0.01, 0.2), wald(0.01, 0.1), wald(0.05, 0.5)]).toEqual([23.4, 69.5, 12.1])
    console.log(`${lines.join('\n')}\n(α = ${ALPHA}, β = ${BETA}, ${RUNS} seeded runs per cell)`)
  })

  it('alarms on a traffic drop to zero once ln(1/α) expected requests are missing', () => {
    const lines: string[] = []
    for (const alpha of [1e-3, 1e-5]) {
      for (const perMinute of [1, 0.25]) {
        let state = createCountCusum()
        let minutes = 0
        for (;;) {
          minutes++
          const step = countCusumStep(state, { count: 0, expected: perMinute, at: minutes }, { ratio: 0, threshold: cusumThreshold(alpha) })
          state = step.state
          if (step.alarm) break
        }
        const missing = minutes * perMinute
        expect(missing).toBeGreaterThanOrEqual(Math.log(1 / alpha) - 1e-9)
        expect(missing - perMinute).toBeLessThan(Math.log(1 / alpha))
        lines.push(`α = ${alpha}, ${perMinute} expected per minute: alarm after ${minutes} silent minutes (${missing} expected requests missing; ln(1/α) = ${Math.log(1 / alpha).toFixed(1)})`)
      }
    }
    console.log(lines.join('\n'))
  })
})
