import { Type, type Static } from 'typebox'
import type { LogRecord } from './log-record.js'
import type { ResolvedConfig } from './resolve-config.js'
import { round } from './sample.js'

/** Rows, anomalies and scenario mix of a generated run (printed by the CLI, returned by the API). */
export const GenerationSummary = Type.Object({
  seed: Type.Integer(),
  rows: Type.Integer(),
  anomalies: Type.Integer(),
  anomaly_rate: Type.Number(),
  first_timestamp: Type.Union([Type.String(), Type.Null()]),
  last_timestamp: Type.Union([Type.String(), Type.Null()]),
  scenarios: Type.Array(
    Type.Object({ id: Type.String(), name: Type.String(), rows: Type.Integer(), share: Type.Number(), expected_share: Type.Number() }),
    { description: 'Per enabled scenario: rows planted, their share of anomalous rows, and the share its weight asks for.' },
  ),
})

export type GenerationSummary = Static<typeof GenerationSummary>

/** Counts records as they pass, for the summary the CLI prints and the API returns. */
export class Tally {
  private rows = 0
  private anomalies = 0
  private first: string | null = null
  private last: string | null = null
  private readonly byScenario = new Map<string, number>()

  constructor(private readonly config: ResolvedConfig) {}

  add(r: LogRecord): void {
    this.rows++
    this.first ??= r.timestamp
    this.last = r.timestamp
    const id = r.anomaly_details.anomaly_id
    if (r.anomaly_details.is_anomaly && id !== null) {
      this.anomalies++
      this.byScenario.set(id, (this.byScenario.get(id) ?? 0) + 1)
    }
  }

  summary(): GenerationSummary {
    return {
      seed: this.config.seed,
      rows: this.rows,
      anomalies: this.anomalies,
      anomaly_rate: this.rows > 0 ? round(this.anomalies / this.rows, 4) : 0,
      first_timestamp: this.first,
      last_timestamp: this.last,
      scenarios: this.config.anomaly_scenarios
        .filter((s) => s.share > 0)
        .map((s) => {
          const rows = this.byScenario.get(s.id) ?? 0
          return { id: s.id, name: s.name, rows, share: this.anomalies > 0 ? round(rows / this.anomalies, 4) : 0, expected_share: round(s.share, 4) }
        }),
    }
  }
}
