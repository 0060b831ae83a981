import { describe, expect, it } from 'vitest'
import { parseTime } from '../../src/monitors/request-event.js'

describe('parseTime', () => {
  it('reads ISO times with milliseconds exactly as Date.parse, within a second and across seconds', () => {
    const start = Date.UTC(2025, 0, 7, 23, 59, 58, 0)
    for (let t = start; t < start + 3000; t += 7) {
      const text = new Date(t).toISOString()
      expect(parseTime(text)).toBe(t)
      expect(parseTime(text)).toBe(Date.parse(text))
    }
  })

  it('leaves other forms and bad times to the general rules', () => {
    expect(parseTime('2025-01-07T14:03:12.481Z')).toBe(Date.parse('2025-01-07T14:03:12.481Z'))
    expect(parseTime('2025-01-07T14:03:12.4x1Z')).toBeUndefined()
    expect(parseTime('2025-13-07T14:03:12.481Z')).toBeUndefined()
    expect(parseTime('2025-01-07T24:00:00.000Z')).toBe(Date.parse('2025-01-07T24:00:00.000Z'))
    expect(parseTime('2025-01-07T24:00:00.500Z')).toBe(undefined)
    expect(parseTime('2025-01-07T14:03:12.481+02:00')).toBe(Date.parse('2025-01-07T14:03:12.481+02:00'))
    expect(parseTime('2025-01-07T14:03:12')).toBe(Date.UTC(2025, 0, 7, 14, 3, 12))
    expect(parseTime(1736258592481)).toBe(1736258592481)
  })
})
