import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { LiveSimulator, resolveConfig } from '../../src/simulator/index.js'
import type { LogRecord } from '../../src/simulator/log-record.js'

const TUESDAY_NOON = Date.UTC(2025, 0, 7, 12)

describe('the live simulator', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: TUESDAY_NOON })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('writes rows on the wall clock at the configured rate and ends listeners on stop', () => {
    const sim = new LiveSimulator()
    const seen: LogRecord[] = []
    const ended: string[] = []
    expect(sim.start(resolveConfig({ log_generation: { logs_per_second: 20 } }))).toMatch(/^started: 20 logs\/s/)
    sim.subscribe({ record: (r) => seen.push(r), end: (reason) => ended.push(reason) })
    vi.advanceTimersByTime(30_000)
    // midday on a weekday runs at about 1.5x the weekly mean
    expect(seen.length).toBeGreaterThan(20 * 30 * 0.8)
    expect(seen.length).toBeLessThan(20 * 30 * 2.5)
    expect(seen.every((r) => Date.parse(r.timestamp) >= TUESDAY_NOON && Date.parse(r.timestamp) <= Date.now())).toBe(true)
    expect(sim.status()).toMatchObject({ status: 'running', logs_generated: seen.length, subscribers: 1, uptime_seconds: 30 })
    expect(sim.start()).toBe('already running')
    expect(() => sim.start(resolveConfig())).toThrow(/stop it before changing its config/)
    expect(sim.stop()).toBe(`stopped after ${seen.length} rows`)
    expect(ended).toEqual(['stopped'])
    expect(sim.status()).toMatchObject({ running: false, subscribers: 0 })
    vi.advanceTimersByTime(5000)
    expect(sim.status().logs_generated).toBe(seen.length)
    expect(sim.stop()).toBe('already stopped')
  })

  it('plants anomalies live at the configured rate', () => {
    const sim = new LiveSimulator()
    sim.start(resolveConfig({ seed: 3, global_anomaly_rate: 0.2, log_generation: { logs_per_second: 50 } }))
    vi.advanceTimersByTime(10 * 60_000)
    const { logs_generated, anomaly_rate } = sim.status()
    sim.close()
    expect(logs_generated).toBeGreaterThan(10_000)
    expect(anomaly_rate).toBeGreaterThan(0.15)
    expect(anomaly_rate).toBeLessThan(0.25)
  })
})
