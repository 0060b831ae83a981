import { describe, expect, it } from 'vitest'
import { generateLogs, resolveConfig, type ResolvedConfig, type SimulatorConfigInput } from '../../src/simulator/index.js'

const ROWS = 100_000
const TOLERANCE = 0.1

/** Share of anomalous rows per scenario, over the first ROWS rows. */
function mix(config: ResolvedConfig): { rate: number; shares: Map<string, number> } {
  const records = generateLogs(config)
  const counts = new Map<string, number>()
  let anomalies = 0
  for (let i = 0; i < ROWS; i++) {
    const id = records.next().value.anomaly_details.anomaly_id
    if (id === null) continue
    anomalies++
    counts.set(id, (counts.get(id) ?? 0) + 1)
  }
  return { rate: anomalies / ROWS, shares: new Map([...counts].map(([id, n]) => [id, n / anomalies])) }
}

function expectWithinTolerance(input: SimulatorConfigInput): void {
  const config = resolveConfig(input)
  const { rate, shares } = mix(config)
  expect(Math.abs(rate / config.global_anomaly_rate - 1), `anomaly rate ${rate}`).toBeLessThanOrEqual(TOLERANCE)
  for (const s of config.anomaly_scenarios) {
    const share = shares.get(s.id) ?? 0
    if (s.share === 0) {
      expect(share, `${s.id} is disabled`).toBe(0)
      continue
    }
    expect(Math.abs(share / s.share - 1), `${s.id} ${s.name}: share ${share.toFixed(4)}, expected ${s.share.toFixed(4)}`).toBeLessThanOrEqual(TOLERANCE)
  }
}

describe('scenario mix on 100k rows', () => {
  it("default config (seed 7): global_anomaly_rate and each of the 16 scenarios within ±10% of its weight's share", () => {
    expectWithinTolerance({ seed: 7 })
  }, 120_000)

  it('a reweighted config (three disabled, DDoS tripled, rate 5%) is followed as closely', () => {
    expectWithinTolerance({
      seed: 11,
      global_anomaly_rate: 0.05,
      anomaly_scenarios: [
        { id: 'BANK-001', enabled: false },
        { id: 'BANK-006', enabled: false },
        { id: 'BANK-012', enabled: false },
        { id: 'BANK-013', frequency_weight: 30 },
      ],
    })
  }, 120_000)
})
