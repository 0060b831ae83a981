import { Value } from 'typebox/value'
import { describe, expect, it } from 'vitest'
import { applyPipeline } from '../../src/features/apply-pipeline.js'
import { FeatureConfig } from '../../src/features/feature-config.js'
import { fitPipeline } from '../../src/features/fit-pipeline.js'
import type { Frame, RawColumn } from '../../src/features/frame.js'
import type { InputPlan } from '../../src/features/plan-inputs.js'
import { recordsToFrame } from '../../src/features/records-to-frame.js'
import { rowOrder } from '../../src/features/row-order.js'
import { createRng } from '../../src/math/random.js'

/** A random dataset: a shuffled timestamp (with ties), a few series, numbers with gaps, two text columns. */
function randomFrame(seed: number): Frame {
  const rng = createRng(seed)
  const n = 40 + rng.int(80)
  const num = (missing: number, scale: number) => Float64Array.from({ length: n }, () => (rng.next() < missing ? NaN : (rng.next() - 0.5) * scale))
  const text = (k: number, missing: number) => Array.from({ length: n }, () => (rng.next() < missing ? null : `c${rng.int(k)}`))
  const start = Date.UTC(2024, 0, 1)
  const columns = new Map<string, RawColumn>([
    ['ts', { kind: 'temporal', values: Float64Array.from({ length: n }, () => start + rng.int(60) * 3_600_000) }],
    ['host', { kind: 'string', values: Array.from({ length: n }, () => `h${rng.int(4)}`) }],
    ['value', { kind: 'numeric', values: num(0.1, 100) }],
    ['other', { kind: 'numeric', values: num(0.3, 5) }],
    ['colour', { kind: 'string', values: text(4, 0.1) }],
    ['city', { kind: 'string', values: text(30, 0) }],
  ])
  return { rows: n, columns }
}

const plan: InputPlan = {
  numeric: ['value', 'other'],
  categorical: ['colour', 'city'],
  auto: new Set(),
  timestamp: 'ts',
  series: 'host',
  lagColumns: ['value', 'other'],
  lags: [1, 2, 3, 7],
  windows: [7, 14, 48],
  selection: [],
}

/** The frame's row i as the JSON event a client would send. */
function record(frame: Frame, i: number): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [name, col] of frame.columns) {
    const v = col.values[i]
    if (col.kind === 'string') out[name] = v
    else if (Number.isNaN(v)) out[name] = null
    else out[name] = col.kind === 'temporal' ? new Date(v as number).toISOString() : v
  }
  return out
}

const row = (X: { data: Float64Array; cols: number }, i: number): number[] => Array.from(X.data.subarray(i * X.cols, (i + 1) * X.cols))

describe('train/serve parity (property: 25 random datasets)', () => {
  for (let seed = 1; seed <= 25; seed++) {
    it(`dataset ${seed}: every row's features are the same at training, alone with its history, and in a batch`, () => {
      const frame = randomFrame(seed)
      const config = Value.Default(FeatureConfig, { onehot_max_categories: 5, standardize: seed % 2 === 0 }) as FeatureConfig
      const { spec, X } = fitPipeline(frame, plan, config, seed % 2 === 0)
      const toFrame = (records: Record<string, unknown>[]) => recordsToFrame(spec, records, (i, c) => `data[${i}].${c}`).frame

      // the whole dataset as one batch, with no earlier history, rebuilds the training matrix
      const batch = applyPipeline(spec, toFrame(Array.from({ length: frame.rows }, (_, i) => record(frame, i))), toFrame([]))
      expect(Array.from(batch.data)).toEqual(Array.from(X.data))

      // each row predicted alone, sent with the rows that precede it in its series
      const { groups } = rowOrder(frame, 'ts', 'host')
      for (const group of groups) {
        group.forEach((i, position) => {
          const history = Array.from(group.subarray(0, position), (h) => record(frame, h))
          const alone = applyPipeline(spec, toFrame([record(frame, i)]), toFrame(history))
          expect(row(alone, 0)).toEqual(row(X, i))
        })
      }
    })
  }

  it('a new event after training takes its lags from the stored tail of its series', () => {
    const frame = randomFrame(99)
    const config = Value.Default(FeatureConfig, {}) as FeatureConfig
    const { spec } = fitPipeline(frame, plan, config, false)
    const { groups } = rowOrder(frame, 'ts', 'host')
    const group = groups[0] as Int32Array
    const next = { ...record(frame, group[group.length - 1] as number), ts: '2030-01-01T00:00:00Z', value: 12.5 }
    const history = Array.from(group.subarray(Math.max(0, group.length - spec.history_length)), (h) => record(frame, h))
    const toFrame = (records: Record<string, unknown>[]) => recordsToFrame(spec, records, (i, c) => `${i}.${c}`).frame
    const withTail = applyPipeline(spec, toFrame([next]))
    const withHistory = applyPipeline(spec, toFrame([next]), toFrame(history))
    expect(Array.from(withTail.data)).toEqual(Array.from(withHistory.data))
    const lag1 = spec.outputs.findIndex((o) => o.name === 'value__lag_1')
    const previous = frame.columns.get('value')?.values[group[group.length - 1] as number] as number
    expect(withTail.data[lag1]).toBe(Number.isNaN(previous) ? spec.fill[lag1] : previous)
  })
})
