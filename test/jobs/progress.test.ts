import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { localOutlierFactor } from '../../src/detectors/local-outlier-factor/index.js'
import { createMatrix } from '../../src/math/matrix.js'
import { estimateRemaining } from '../../src/jobs/estimate-remaining.js'
import { scoreInChunks } from '../../src/services/training-scores.js'
import { buildTestApp, multipart, type TestApp } from '../helper.js'
import type { JobBody } from './poll.js'

/** Rows of a seeded 3-column Gaussian cloud. */
function cloud(rows: number, seed = 5): string {
  let s = seed
  const rand = (): number => ((s = (s * 1664525 + 1013904223) % 4294967296), s / 4294967296)
  const lines = ['a,b,c']
  for (let i = 0; i < rows; i++) lines.push(`${rand().toFixed(5)},${rand().toFixed(5)},${rand().toFixed(5)}`)
  return `${lines.join('\n')}\n`
}

describe('training progress (issue 14, item 6)', () => {
  let t: TestApp
  let datasetId = ''
  beforeAll(async () => {
    t = await buildTestApp({ TRAIN_CONCURRENCY: '1' })
    datasetId = (await t.app.inject({ method: 'POST', url: '/upload-dataset', ...multipart('cloud.csv', cloud(12_000)) })).json().dataset_id
  })
  afterAll(async () => t.close())

  it('advances through the whole LOF fit, with an estimate of the time left', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/train/${datasetId}?wait=false`, payload: { algorithm: 'local_outlier_factor' } })
    expect(res.statusCode, res.body).toBe(202)
    const events = await t.app.inject({ url: `/jobs/${res.json<JobBody>().job_id}/events` })
    const jobs = events.body
      .split('\n')
      .filter((l) => l.startsWith('data: '))
      .map((l) => JSON.parse(l.slice(6)) as JobBody & { eta_seconds?: number | null })
    const fitting = jobs.filter((j) => j.stage === 'fitting model').map((j) => j.progress)
    // one report per 1,024 reference rows (throttled to 1% steps): the fit is not one silent stretch
    expect(fitting.length).toBeGreaterThan(5)
    expect(Math.max(...fitting) - Math.min(...fitting)).toBeGreaterThan(0.5)
    expect(jobs.some((j) => typeof j.eta_seconds === 'number' && j.eta_seconds >= 0)).toBe(true)
    expect(jobs.at(-1)).toMatchObject({ status: 'succeeded', progress: 1, eta_seconds: null })
  })

  it('scores large training sets in chunks, reporting each', () => {
    const X = createMatrix(5_000, 1, Float64Array.from({ length: 5_000 }, (_, i) => i))
    const seen: number[] = []
    const scores = scoreInChunks({ score: (m) => Float64Array.from(m.data, (v) => v * 2), toJSON: () => ({}) }, X, (f) => seen.push(f))
    expect(seen).toEqual([0.4, 0.8, 1])
    expect(scores[4_999]).toBe(9_998)
  })

  it("gives LOF's training rows the factor without themselves as neighbours (scikit-learn's negative_outlier_factor_)", async () => {
    // 1-D: 0, 1, 2, 3 and an outlier at 10; k = 2
    const X = createMatrix(5, 1, Float64Array.from([0, 1, 2, 3, 10]))
    const fitted = await localOutlierFactor.fit({ X, featureNames: ['x'], seed: 1 }, { n_neighbors: 2, algorithm: 'brute', leaf_size: 30, p: 2, max_samples: 50_000 })
    const own = fitted.trainingScores as Float64Array
    expect(own).toBeDefined()
    // scoring the same rows again finds each row at distance 0 from itself: lower factors than the fit's
    const again = fitted.score(X)
    expect(own[4] as number).toBeGreaterThan(2)
    for (let i = 0; i < 4; i++) expect(own[i] as number).toBeGreaterThanOrEqual((again[i] as number) - 1e-12)
    // k-distances (2nd nearest other row): 0 → 2, 1 → 1, 2 → 1, 3 → 2, 10 → 8. Row x = 10: neighbours 3 and 2,
    // reach-dists max(kd(3), 7) = 7 and max(kd(2), 8) = 8 → lrd 1/7.5; lrd(3) = 1 / mean(max(kd(2), 1), max(kd(1), 2)) = 1/1.5;
    // lrd(2) = 1 / mean(max(kd(1), 1), max(kd(3), 1)) = 1/1.5 → LOF = (1/1.5) · 7.5 = 5
    expect(own[4]).toBeCloseTo(5, 8) // scikit-learn's 1e-10 added to each mean reach-distance
  })

  it('estimates the time left linearly, and only once 5% is done', () => {
    const start = '2026-01-01T00:00:00.000Z'
    const at = (s: number): number => Date.parse(start) + s * 1000
    expect(estimateRemaining(start, 0.25, at(10))).toBe(30)
    expect(estimateRemaining(start, 0.01, at(10))).toBeNull()
    expect(estimateRemaining(undefined, 0.5, at(10))).toBeNull()
    expect(estimateRemaining(start, 1, at(10))).toBeNull()
  })
})
