import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Value } from 'typebox/value'
import { createIncidents, type Incidents, type IncidentsOptions } from '../../src/incidents/create-incidents.js'
import type { IncidentCandidate } from '../../src/incidents/incident-candidate.js'
import type { Evidence } from '../../src/incidents/incident-schema.js'
import { MonitorConfig } from '../../src/monitors/monitor-config.js'

export const T0 = Date.parse('2024-03-12T10:00:00.000Z')
export const minute = (n: number): string => new Date(T0 + n * 60_000).toISOString()

/** A monitor config with the schema's defaults and the given overrides. */
export function monitorConfig(overrides: Partial<MonitorConfig> = {}): MonitorConfig {
  const config = Value.Default(MonitorConfig, structuredClone(overrides)) as MonitorConfig
  if (!Value.Check(MonitorConfig, config)) throw new Error(`bad test config: ${JSON.stringify([...Value.Errors(MonitorConfig, config)])}`)
  return config
}

export function evidence(overrides: Partial<Evidence> = {}): Evidence {
  return {
    metric: 'error_rate_5xx',
    series: [
      { minute: minute(-2), requests: 30, value: 0.01, expected: 0.01, low: 0, high: 0.1 },
      { minute: minute(-1), requests: 31, value: 0, expected: 0.01, low: 0, high: 0.1 },
      { minute: minute(0), requests: 29, value: 0.24, expected: 0.01, low: 0, high: 0.1 },
    ],
    baseline: 0.01,
    observed: 0.2,
    effect: 20,
    requests_since_change: 29,
    events_since_change: 7,
    expected_since_change: 0.29,
    statistic: 12.1,
    threshold: 11.5,
    p_value: 2e-7,
    share_of_monitor_traffic: 0.02,
    ...overrides,
  }
}

export function candidate(dimensions: Record<string, string>, overrides: Partial<IncidentCandidate> = {}, ev: Partial<Evidence> = {}): IncidentCandidate {
  return {
    type: 'system_errors',
    direction: 'increase',
    dimensions,
    started_at: minute(-1),
    detected_at: minute(0),
    requests_to_detect: 29,
    evidence: evidence(ev),
    ...overrides,
  }
}

export const SILENT = { warn: () => undefined, error: () => undefined }

export async function tempRoot(): Promise<string> {
  return path.join(await mkdtemp(path.join(tmpdir(), 'vigil-incidents-')), 'incidents')
}

/** Incidents on a fresh directory; the wall clock is frozen at 0 so any use of it in event-time logic would show. */
export async function freshIncidents(options: Partial<IncidentsOptions> = {}): Promise<Incidents> {
  return createIncidents({ root: options.root ?? (await tempRoot()), log: SILENT, now: () => 0, ...options })
}

/** Wait (without a deadline of its own: vitest's test timeout bounds it) until `check` holds. */
export async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 5))
}
