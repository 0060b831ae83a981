import type { Frame } from './frame.js'
import type { SelectionEntry } from './pipeline-spec.js'

export type CalendarPart = 'hour' | 'day_of_week' | 'month' | 'is_weekend'

const DAY_MS = 86_400_000

/**
 * Training span a calendar part needs before it is generated: two full
 * periods, so every value it can take has been seen more than once. Below it,
 * the part only marks where the training data happens to start or end (a
 * month seen for three days at the edge of a two-week series), which an
 * unsupervised detector isolates as if it were unusual.
 */
export const CALENDAR_MIN_SPAN_DAYS: Readonly<Record<CalendarPart, number>> = {
  hour: 2,
  day_of_week: 14,
  is_weekend: 14,
  month: 730,
}

export const CALENDAR_PARTS: readonly CalendarPart[] = ['hour', 'day_of_week', 'month', 'is_weekend']

/** The calendar parts the training data can support, and a selection entry for each left out. */
export function calendarParts(frame: Frame, timestampColumn: string): { parts: CalendarPart[]; dropped: SelectionEntry[] } {
  const span = spanDays(frame, timestampColumn)
  const parts: CalendarPart[] = []
  const dropped: SelectionEntry[] = []
  for (const part of CALENDAR_PARTS) {
    const need = CALENDAR_MIN_SPAN_DAYS[part]
    if (span >= need) parts.push(part)
    else dropped.push({ column: part, rule: 'time_span', value: Math.round(span * 100) / 100, limit: `>= ${need} days of training data (two full periods)` })
  }
  return { parts, dropped }
}

/** Days between the earliest and the latest timestamp (0 without two valid times). */
function spanDays(frame: Frame, timestampColumn: string): number {
  const col = frame.columns.get(timestampColumn)
  if (!col || col.kind === 'string') return 0
  let min = Infinity
  let max = -Infinity
  for (const v of col.values) {
    if (!Number.isFinite(v)) continue
    if (v < min) min = v
    if (v > max) max = v
  }
  return max > min ? (max - min) / DAY_MS : 0
}
