/**
 * Unit checks of the NAB scorer against hand-computed values and a brute-force
 * sweep. Run: `npx tsx bench/nab/check-nab-score.ts` (exits 1 on failure).
 */
import assert from 'node:assert/strict'
import { bestThreshold, OUTSIDE, PROBATIONARY, probationLength, scaledSigmoid, scoreSeries, sweepPoints, type CorpusSeries } from './nab-score.js'

const close = (actual: number, expected: number, what: string): void => assert.ok(Math.abs(actual - expected) < 1e-4, `${what}: ${actual} != ${expected}`)
const detectAt = (rows: number, at: readonly number[]): Float64Array => {
  const s = new Float64Array(rows)
  for (const i of at) s[i] = 1
  return s
}

// the sigmoid at NAB's documented points
close(scaledSigmoid(-1), 0.98661, 'left edge')
close(scaledSigmoid(-0.5), 0.84828, 'half way')
close(scaledSigmoid(0), 0, 'right edge')
close(scaledSigmoid(1), -0.98661, 'one width after')
assert.equal(scaledSigmoid(3), -1)
assert.equal(probationLength(1000), 150)
assert.equal(probationLength(10_000), 750)

// 100 rows, probation = 15 rows, one window of width 10 on rows 40..49
const points = sweepPoints(100, [{ start: 40, end: 49 }])
assert.equal(points.window[14], PROBATIONARY)
assert.equal(points.window[15], OUTSIDE)
assert.equal(points.window[40], 0)
assert.equal(points.scorableWindows, 1)
close(points.weight[40] as number, 1, 'earliest detection = A_TP')
close(points.weight[49] as number, scaledSigmoid(-0.1) / scaledSigmoid(-1), 'last row of the window')
close(points.weight[20] as number, -0.11, 'FP before any window = A_FP')
close(points.weight[50] as number, 0.11 * scaledSigmoid(1 / 9), 'FP just after the window')
close(points.weight[99] as number, -0.11, 'FP far after the window')

const at = (rows: readonly number[]) => scoreSeries(points, detectAt(100, rows), 0.5)
close(at([]).raw, -1, 'no detection = A_FN')
close(at([]).normalized, 0, 'null detector = 0')
close(at([40]).normalized, 100, 'perfect detector = 100')
close(at([45, 41, 48]).raw, points.weight[41] as number, 'only the earliest detection in a window counts')
close(at([5, 40]).raw, 1, 'probationary detections are ignored')
close(at([20, 40]).raw, 1 - 0.11, 'one FP costs 0.11')
assert.equal(at([20, 40, 60]).falsePositives, 2)
assert.equal(at([20, 40]).detectedWindows, 1)

// a window reaching into the probationary period keeps its width, only its late rows count
const early = sweepPoints(100, [{ start: 10, end: 19 }])
assert.equal(early.window[12], PROBATIONARY)
close(early.weight[15] as number, scaledSigmoid(-0.5) / scaledSigmoid(-1), 'position uses the whole window')
assert.equal(sweepPoints(100, [{ start: 2, end: 8 }]).scorableWindows, 0)

// the sweep equals scoring every distinct threshold directly, on random corpora
let seed = 12345
const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
for (let trial = 0; trial < 50; trial++) {
  const corpus: CorpusSeries[] = [0, 1, 2].map(() => {
    const rows = 60 + Math.floor(rand() * 200)
    const a = 20 + Math.floor(rand() * (rows - 60))
    const windows = [{ start: a, end: a + 5 + Math.floor(rand() * 20) }]
    const scores = Float64Array.from({ length: rows }, () => Math.round(rand() * 40) / 40)
    return { points: sweepPoints(rows, windows), scores }
  })
  const swept = bestThreshold(corpus)
  const candidates = [Infinity, ...new Set(corpus.flatMap((c) => Array.from(c.scores)))]
  let brute = -Infinity
  for (const t of candidates) brute = Math.max(brute, corpus.reduce((sum, c) => sum + scoreSeries(c.points, c.scores, t).raw, 0))
  close(swept.raw, brute, `sweep trial ${trial}`)
  close(corpus.reduce((sum, c) => sum + scoreSeries(c.points, c.scores, swept.threshold).raw, 0), swept.raw, `threshold reproduces the total, trial ${trial}`)
}

console.log('nab-score: all checks passed')
