import { InvalidInputError } from '../errors.js'
import type { GenericParams, ScenarioInput, SimulatorConfigInput } from './config-schema.js'
import { DEFAULT_SCENARIOS } from './default-scenarios.js'
import type { Severity } from './log-record.js'
import type { PatternId } from './patterns/pattern-ids.js'
import { SERVICE_NAMES, type ServiceName } from './services.js'

/** A `generic` block with its defaults filled in. */
export type ResolvedGeneric = Required<Pick<GenericParams, 'rows' | 'duration_seconds' | 'actor' | 'metrics'>> & Omit<GenericParams, 'rows' | 'duration_seconds' | 'actor' | 'metrics'>

/** A scenario after defaults and config changes: everything the generator needs. */
export interface ResolvedScenario {
  readonly id: string
  readonly name: string
  readonly type: string
  readonly category: string
  readonly enabled: boolean
  readonly frequency_weight: number
  readonly severity: Severity
  readonly pattern: PatternId
  readonly source_services: readonly ServiceName[]
  readonly description: string | null
  readonly builtin: boolean
  /** Expected share of anomalous rows (0 when disabled). */
  readonly share: number
  readonly generic: ResolvedGeneric
}

/** The full configuration, snake_case like the JSON it came from. */
export interface ResolvedConfig {
  readonly seed: number
  readonly start_time: string
  readonly global_anomaly_rate: number
  readonly log_generation: {
    readonly logs_per_second: number
    readonly burst_simulation: boolean
    readonly burst_interval_minutes: number
    readonly burst_duration_seconds: number
    readonly burst_multiplier: number
  }
  readonly service_sources: readonly ServiceName[]
  readonly population: { readonly customers: number; readonly employees: number }
  readonly anomaly_scenarios: readonly ResolvedScenario[]
}

export const DEFAULTS = {
  seed: 42,
  start_time: '2025-01-06T00:00:00.000Z',
  global_anomaly_rate: 0.08,
  log_generation: { logs_per_second: 10, burst_simulation: true, burst_interval_minutes: 90, burst_duration_seconds: 180, burst_multiplier: 3 },
  population: { customers: 5000, employees: 40 },
} as const

/** Later layers win: top-level fields replace, nested objects merge, scenario entries apply in order. */
export function mergeConfigs(...layers: readonly SimulatorConfigInput[]): SimulatorConfigInput {
  return layers.reduce<SimulatorConfigInput>(
    (acc, layer) => ({
      ...acc,
      ...layer,
      log_generation: { ...acc.log_generation, ...layer.log_generation },
      population: { ...acc.population, ...layer.population },
      anomaly_scenarios: [...(acc.anomaly_scenarios ?? []), ...(layer.anomaly_scenarios ?? [])],
    }),
    {},
  )
}

/** Defaults + a checked config (see `checkConfig`) → what the generator runs with. */
export function resolveConfig(input: SimulatorConfigInput = {}): ResolvedConfig {
  const start = input.start_time ?? DEFAULTS.start_time
  if (!Number.isFinite(Date.parse(start))) throw new InvalidInputError(`config.start_time '${start}' is not a date-time`, { field: 'config.start_time', value: start })
  const scenarios = applyScenarioChanges(input.anomaly_scenarios ?? [])
  const total = scenarios.reduce((s, x) => s + (x.enabled ? x.frequency_weight : 0), 0)
  return {
    seed: input.seed ?? DEFAULTS.seed,
    start_time: new Date(Date.parse(start)).toISOString(),
    global_anomaly_rate: input.global_anomaly_rate ?? DEFAULTS.global_anomaly_rate,
    log_generation: { ...DEFAULTS.log_generation, ...input.log_generation },
    service_sources: input.service_sources ?? [...SERVICE_NAMES],
    population: { ...DEFAULTS.population, ...input.population },
    anomaly_scenarios: scenarios.map((s) => ({ ...s, share: total > 0 && s.enabled ? s.frequency_weight / total : 0 })),
  }
}

function applyScenarioChanges(changes: readonly ScenarioInput[]): ResolvedScenario[] {
  const byId = new Map<string, ResolvedScenario>(
    DEFAULT_SCENARIOS.map((d) => [d.id, { ...d, enabled: true, source_services: [], description: null, builtin: true, share: 0, generic: resolveGeneric(undefined) }]),
  )
  changes.forEach((c, i) => {
    const field = `config.anomaly_scenarios[${i}]`
    const base = byId.get(c.id)
    if (!base) {
      const missing = (['name', 'frequency_weight', 'severity', 'pattern'] as const).filter((k) => c[k] === undefined)
      if (missing.length > 0) {
        throw new InvalidInputError(`${field} adds scenario '${c.id}', which needs ${missing.join(', ')} (built-in ids are ${DEFAULT_SCENARIOS[0]?.id} … ${DEFAULT_SCENARIOS[DEFAULT_SCENARIOS.length - 1]?.id})`, { field, value: c.id })
      }
    }
    const pattern = c.pattern ?? base?.pattern ?? 'generic'
    if (c.generic !== undefined && pattern !== 'generic') {
      throw new InvalidInputError(`${field}.generic only applies to "pattern": "generic"; scenario '${c.id}' uses '${pattern}'`, { field: `${field}.generic`, value: pattern })
    }
    byId.set(c.id, {
      id: c.id,
      name: c.name ?? base?.name ?? c.id,
      type: c.type ?? base?.type ?? 'Custom',
      category: c.category ?? base?.category ?? 'custom',
      enabled: c.enabled ?? base?.enabled ?? true,
      frequency_weight: c.frequency_weight ?? base?.frequency_weight ?? 0,
      severity: c.severity ?? base?.severity ?? 'Medium',
      pattern,
      source_services: c.source_services ?? base?.source_services ?? [],
      description: c.description ?? base?.description ?? null,
      builtin: base?.builtin ?? false,
      share: 0,
      generic: c.generic ? resolveGeneric(c.generic) : (base?.generic ?? resolveGeneric(undefined)),
    })
  })
  for (const s of byId.values()) {
    if (s.pattern === 'generic' && s.source_services.length === 0) byId.set(s.id, { ...s, source_services: ['api-gateway'] })
  }
  return [...byId.values()]
}

function resolveGeneric(g: GenericParams | undefined): ResolvedGeneric {
  const rows = g?.rows ?? [5, 20]
  return { ...g, rows: [Math.min(rows[0], rows[1]), Math.max(rows[0], rows[1])], duration_seconds: g?.duration_seconds ?? 120, actor: g?.actor ?? 'one_ip', metrics: g?.metrics ?? {} }
}
