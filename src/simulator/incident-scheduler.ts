import type { Rng } from '../math/random.js'
import type { ResolvedScenario } from './resolve-config.js'
import { pickWeighted } from './sample.js'

/** How far behind the most-behind scenario another may be and still be drawn (rows). */
const SLACK_ROWS = 3

/**
 * Decides when the next incident starts and which scenario it plays, so
 * that anomalous rows make up `global_anomaly_rate` of the stream and each
 * scenario its weight's share of them.
 *
 * Rate: an incident starts whenever the anomalous rows planned so far fall
 * below rate / (1 - rate) times the normal rows written so far.
 * Mix: the scenario is drawn, by weight, among those within a few rows of the
 * one furthest behind its share of the planned rows (smooth weighted round
 * robin with a little randomness), so no scenario drifts more than about one
 * incident from its share. Incidents that are still under way when a run
 * stops lose their later rows, so keep incidents short next to the run.
 */
export class IncidentScheduler {
  private readonly ratio: number
  private readonly active: readonly ResolvedScenario[]
  private normalRows = 0
  private planned = 0
  private readonly plannedBy = new Map<string, number>()

  constructor(
    scenarios: readonly ResolvedScenario[],
    rate: number,
    private readonly rng: Rng,
  ) {
    this.ratio = rate / (1 - rate)
    this.active = scenarios.filter((s) => s.share > 0)
  }

  /** Count one normal row written. */
  countNormal(): void {
    this.normalRows++
  }

  /** Whether another incident should start now. */
  due(): boolean {
    return this.active.length > 0 && this.ratio > 0 && this.planned < this.ratio * this.normalRows
  }

  /** The scenario the next incident plays. */
  next(): ResolvedScenario {
    const deficit = (s: ResolvedScenario): number => s.share * this.planned - (this.plannedBy.get(s.id) ?? 0)
    const most = Math.max(...this.active.map(deficit))
    return pickWeighted(
      this.rng,
      this.active.filter((s) => deficit(s) >= most - SLACK_ROWS),
      (s) => s.share,
    )
  }

  /** Record that an incident of `scenario` planted `rows` rows. */
  record(scenario: ResolvedScenario, rows: number): void {
    // an incident that planted nothing still counts one row, so the start loop always ends
    const counted = Math.max(1, rows)
    this.planned += counted
    this.plannedBy.set(scenario.id, (this.plannedBy.get(scenario.id) ?? 0) + counted)
  }
}
