import { describe, expect, it } from 'vitest'
import { flattenRecord } from '../../src/features/flatten-record.js'
import { parseTimestamp } from '../../src/features/parse-timestamp.js'
import { planInputs } from '../../src/features/plan-inputs.js'
import { recordsToFrame } from '../../src/features/records-to-frame.js'
import { timePart } from '../../src/features/time-parts.js'
import type { ColumnProfile } from '../../src/ingest/profile-table.js'
import type { DatasetManifest } from '../../src/store/dataset-manifest.js'

describe('timestamps', () => {
  it('reads ISO 8601 with and without zone (naive = UTC) and epoch seconds or milliseconds', () => {
    const t = Date.UTC(2024, 7, 14, 15, 30)
    expect(parseTimestamp('2024-08-14T15:30:00Z')).toBe(t)
    expect(parseTimestamp('2024-08-14T15:30:00')).toBe(t)
    expect(parseTimestamp('2024-08-14 15:30:00')).toBe(t)
    expect(parseTimestamp('2024-08-14T17:30:00+02:00')).toBe(t)
    expect(parseTimestamp(t / 1000)).toBe(t)
    expect(parseTimestamp(t)).toBe(t)
    expect(parseTimestamp(String(t / 1000))).toBe(t)
    expect(parseTimestamp('2024-08-14')).toBe(Date.UTC(2024, 7, 14))
    expect(parseTimestamp('yesterday')).toBeNaN()
  })

  it('gives hour, day of week (Monday = 0), month and weekend in UTC', () => {
    const wednesday = Date.UTC(2024, 7, 14, 15, 30)
    expect([timePart('hour', wednesday), timePart('day_of_week', wednesday), timePart('month', wednesday), timePart('is_weekend', wednesday)]).toEqual([15, 2, 8, 0])
    const sunday = Date.UTC(2024, 7, 18)
    expect([timePart('day_of_week', sunday), timePart('is_weekend', sunday)]).toEqual([6, 1])
  })
})

describe('events', () => {
  it('flattens nested objects to dot paths and applies field aliases', () => {
    const event = { eventName: 'CreateUser', userIdentity: { type: 'AssumedRole', session: { mfa: true } }, tags: ['a'] }
    expect(flattenRecord(event, { eventName: 'event_name' })).toEqual({
      event_name: 'CreateUser',
      'userIdentity.type': 'AssumedRole',
      'userIdentity.session.mfa': true,
      tags: ['a'],
    })
  })

  it("matches field names ignoring case (000's eventsource → eventSource) and reports what is missing", () => {
    const spec = {
      inputs: [
        { name: 'eventSource', kind: 'string' as const },
        { name: 'bytes', kind: 'numeric' as const },
        { name: 'p_event_time', kind: 'temporal' as const },
      ],
      field_aliases: {},
    }
    const { frame, missing } = recordsToFrame(spec, [{ eventsource: 'iam.amazonaws.com', bytes: '120' }], (_i, c) => `data.${c}`)
    expect(frame.columns.get('eventSource')).toEqual({ kind: 'string', values: ['iam.amazonaws.com'] })
    expect(Array.from(frame.columns.get('bytes')?.values as Float64Array)).toEqual([120])
    expect(missing).toEqual([['p_event_time']])
    expect(() => recordsToFrame(spec, [{ bytes: 'lots' }], (_i, c) => `data.${c}`)).toThrow(/data.bytes must be a finite number; got "lots"/)
    expect(() => recordsToFrame(spec, [{ p_event_time: 'soon' }], (_i, c) => `data.${c}`)).toThrow(/data.p_event_time must be a timestamp/)
  })
})

describe("automatic selection (000's rules)", () => {
  const profile = (p: Partial<ColumnProfile> & Pick<ColumnProfile, 'name' | 'kind'>): ColumnProfile => ({
    type: p.kind === 'string' ? 'VARCHAR' : 'DOUBLE',
    count: 100,
    missing: 0,
    distinct: 10,
    ...p,
  })
  const manifest = (profiles: ColumnProfile[]): DatasetManifest => ({
    dataset_id: 'd',
    original_name: 'd.csv',
    format: 'csv',
    size_bytes: 1,
    sha256: 'x',
    rows: 100,
    columns: profiles.map((p) => ({ name: p.name, type: p.type, kind: p.kind })),
    profile: profiles,
    created_at: '',
  })

  it('drops sparse, constant-category, huge-cardinality and identifier columns, and says why', () => {
    const m = manifest([
      profile({ name: 'when', kind: 'temporal', type: 'TIMESTAMP' }),
      profile({ name: 'amount', kind: 'numeric' }),
      profile({ name: 'sparse', kind: 'numeric', count: 60, missing: 40 }),
      profile({ name: 'country', kind: 'string', distinct: 12 }),
      profile({ name: 'single', kind: 'string', distinct: 1 }),
      profile({ name: 'request_id', kind: 'string', distinct: 100 }),
      profile({ name: 'row_id', kind: 'numeric', distinct: 100 }),
      profile({ name: 'tags', kind: 'nested', type: 'VARCHAR[]' }),
      profile({ name: 'label', kind: 'numeric', distinct: 2 }),
    ])
    const plan = planInputs(m, { label_column: 'label' }, { ...defaults, selection: true })
    expect(plan.timestamp).toBe('when')
    expect(plan.numeric).toEqual(['amount'])
    expect(plan.categorical).toEqual(['country'])
    expect(plan.selection.map((s) => [s.column, s.rule])).toEqual([
      ['sparse', 'coverage'],
      ['single', 'cardinality'],
      ['request_id', 'identifier'],
      ['row_id', 'identifier'],
      ['tags', 'unsupported_type'],
    ])
  })

  it('keeps columns the user names, and refuses the label as an input', () => {
    const m = manifest([profile({ name: 'sparse', kind: 'numeric', count: 10 }), profile({ name: 'y', kind: 'numeric' })])
    expect(planInputs(m, { feature_columns: ['sparse'] }, defaults).numeric).toEqual(['sparse'])
    expect(() => planInputs(m, { feature_columns: ['y'], label_column: 'y' }, defaults)).toThrow(/cannot also be a model input/)
  })
})

const defaults = {
  lags: [1, 2, 3, 7],
  windows: [3, 7, 14],
  time_features: true,
  categorical: true,
  onehot_max_categories: 10,
  selection: true,
  missing_indicators: true,
  field_aliases: {},
  standardize: 'auto' as const,
}
