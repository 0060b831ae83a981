import { generateLogs, resolveConfig, type SimulatorConfigInput } from '../../src/simulator/index.js'
import type { LogRecord } from '../../src/simulator/log-record.js'

/** The first `n` records of a config (defaults + `input`). */
export function take(n: number, input: SimulatorConfigInput = {}): LogRecord[] {
  const records = generateLogs(resolveConfig(input))
  return Array.from({ length: n }, () => records.next().value)
}

/** Anomalous records grouped by incident (anomaly_name ends in "(#n)"). */
export function incidents(records: readonly LogRecord[], scenarioId: string): LogRecord[][] {
  const groups = new Map<string, LogRecord[]>()
  for (const r of records) {
    if (r.anomaly_details.anomaly_id !== scenarioId) continue
    const key = r.anomaly_details.anomaly_name as string
    const g = groups.get(key) ?? []
    g.push(r)
    groups.set(key, g)
  }
  return [...groups.values()]
}
