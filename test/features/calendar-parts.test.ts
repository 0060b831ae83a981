import { describe, expect, it } from 'vitest'
import { calendarParts } from '../../src/features/calendar-parts.js'
import type { Frame } from '../../src/features/frame.js'

const HOUR = 3_600_000

/** `hours` hourly timestamps from 2024-01-01, plus one missing time. */
function hourly(hours: number): Frame {
  const values = Float64Array.from({ length: hours + 1 }, (_, i) => (i === hours ? NaN : Date.UTC(2024, 0, 1) + i * HOUR))
  return { rows: values.length, columns: new Map([['ts', { kind: 'temporal', values }]]) }
}

describe('calendar parts follow the training span', () => {
  it('keeps only the parts whose period the data covers twice, and says why the others are left out', () => {
    const oneDay = calendarParts(hourly(24), 'ts')
    expect(oneDay.parts).toEqual([])
    expect(oneDay.dropped.map((d) => [d.column, d.rule, d.value])).toEqual([
      ['hour', 'time_span', 0.96],
      ['day_of_week', 'time_span', 0.96],
      ['month', 'time_span', 0.96],
      ['is_weekend', 'time_span', 0.96],
    ])
    expect(oneDay.dropped[0]?.limit).toBe('>= 2 days of training data (two full periods)')
    expect(calendarParts(hourly(3 * 24), 'ts').parts).toEqual(['hour'])
    expect(calendarParts(hourly(15 * 24), 'ts').parts).toEqual(['hour', 'day_of_week', 'is_weekend'])
    expect(calendarParts(hourly(731 * 24), 'ts').parts).toEqual(['hour', 'day_of_week', 'month', 'is_weekend'])
  })

  it('treats a column without two valid times as a zero span', () => {
    const frame: Frame = { rows: 2, columns: new Map([['ts', { kind: 'temporal', values: new Float64Array([NaN, Date.UTC(2024, 0, 1)]) }]]) }
    expect(calendarParts(frame, 'ts').parts).toEqual([])
  })
})
