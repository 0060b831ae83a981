/**
 * Scenario recall (`npm run example:scenarios`, against a running server):
 *
 * 1. POST /simulator/datasets: labelled banking logs (004's format, 16 scenarios), seed 7.
 * 2. GET /algorithms, then POST /train/{dataset_id} for isolation_forest and
 *    the other algorithms this server has (an unsupervised one, and a
 *    supervised one if available; isolation_forest on metrics only if not).
 * 3. Score held-out logs (seed 8, same config, generated here with the same
 *    simulator code the server runs) with POST /predict-batch.
 * 4. Print recall per scenario and the false-positive rate (docs/scenarios.md).
 *
 * Models see explicit feature_columns: the metrics and three categorical
 * fields. The anomaly_details.* columns are labels: `label_column` lets the
 * server evaluate (and lets supervised algorithms learn), and nothing else of
 * them reaches a model.
 *
 * SCENARIO_ROWS (default 60000) sets the size of each set; VIGIL_URL the server.
 */
import { COLUMNS, falsePositiveRateBy, flatValues, generateLogs, LABEL_COLUMNS, METRIC_NAMES, recallMarkdown, recallTable, resolveConfig, type LogRecord, type RecallTable, type SimulatorConfigInput } from '../src/simulator/index.js'
import { VigilClient, type Model, type Row } from './client.js'

const ROWS = Number(process.env.SCENARIO_ROWS ?? 60_000)
/** One row a second on average: the sets span most of a day, so the daily rhythm shows. */
const CONFIG: SimulatorConfigInput = { log_generation: { logs_per_second: 1 } }
const TRAIN_SEED = 7
const TEST_SEED = 8
const CONTAMINATION = 0.08
const BATCH_ROWS = 5000
const METRICS = METRIC_NAMES.map((m) => `metrics.${m}`)
const CATEGORICAL = ['source_service', 'log_level', 'geo_location']
const LABEL = 'anomaly_details.is_anomaly'

interface Plan {
  readonly label: string
  readonly algorithm: string
  readonly features: readonly string[]
  readonly params?: Record<string, unknown>
}

interface Algorithm {
  readonly id: string
  readonly available: boolean
  readonly supervised: boolean | null
  readonly params?: { properties?: Record<string, unknown> }
}

/** A JSON call to an endpoint the example client does not wrap (the simulator, /algorithms). */
async function call<T>(client: VigilClient, method: string, route: string, body?: object): Promise<T> {
  const res = await fetch(`${client.baseUrl}${route}`, {
    method,
    ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
  })
  const json = (await res.json()) as T & { error?: string }
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${json.error ?? ''}`)
  return json
}

/** isolation_forest, then the first other unsupervised and the first supervised algorithm available. */
function plans(algorithms: readonly Algorithm[]): Plan[] {
  const all = [...METRICS, ...CATEGORICAL]
  const available = algorithms.filter((a) => a.available)
  const result: Plan[] = [{ label: 'isolation_forest', algorithm: 'isolation_forest', features: all }]
  const unsupervised = available.find((a) => a.supervised === false && a.id !== 'isolation_forest')
  if (unsupervised) {
    // distance-based models compare each row with a reference set: cap it so scoring stays quick
    const capped = unsupervised.params?.properties?.max_samples !== undefined ? { params: { max_samples: 10_000 } } : {}
    result.push({ label: unsupervised.id, algorithm: unsupervised.id, features: all, ...capped })
  }
  const supervised = available.find((a) => a.supervised === true)
  if (supervised) result.push({ label: `${supervised.id} (supervised)`, algorithm: supervised.id, features: all })
  if (result.length === 1) result.push({ label: 'isolation_forest, metrics only', algorithm: 'isolation_forest', features: METRICS })
  return result
}

/** A record as the flat row a client would send: dot-path keys, without the labels. */
function unlabelled(r: LogRecord): Row {
  const values = flatValues(r)
  return Object.fromEntries(COLUMNS.map((c, i) => [c.name, values[i] ?? null] as const).filter(([name]) => !LABEL_COLUMNS.includes(name)))
}

/** Score the held-out rows in batches; true where the model says anomaly. */
async function flag(client: VigilClient, model: Model, rows: readonly Row[]): Promise<boolean[]> {
  const flagged: boolean[] = []
  for (let i = 0; i < rows.length; i += BATCH_ROWS) {
    const batch = await client.predictBatch(model.model_id, rows.slice(i, i + BATCH_ROWS))
    for (const r of batch.predictions.results) flagged[i + r.index] = r.is_anomaly
  }
  return flagged
}

async function main(): Promise<void> {
  const client = new VigilClient()
  console.log(`Vigil at ${client.baseUrl}\n`)
  const created: { models: string[]; dataset?: string } = { models: [] }
  try {
    console.log(`1. Generating ${ROWS} labelled rows (seed ${TRAIN_SEED}) into a dataset...`)
    const dataset = await call<{ dataset_id: string; message: string }>(client, 'POST', '/simulator/datasets', { rows: ROWS, seed: TRAIN_SEED, config: CONFIG })
    created.dataset = dataset.dataset_id
    console.log(`   ${dataset.message}`)

    const { algorithms } = await call<{ algorithms: Algorithm[] }>(client, 'GET', '/algorithms')
    const chosen = plans(algorithms)
    console.log(`\n2. Training ${chosen.map((p) => p.label).join(', ')} (contamination ${CONTAMINATION})...`)
    const models: { plan: Plan; model: Model }[] = []
    for (const plan of chosen) {
      const started = performance.now()
      const model = await client.train(dataset.dataset_id, {
        algorithm: plan.algorithm,
        contamination: CONTAMINATION,
        feature_columns: [...plan.features],
        label_column: LABEL,
        random_state: TRAIN_SEED,
        ...(plan.params ? { params: plan.params } : {}),
      })
      created.models.push(model.model_id)
      models.push({ plan, model })
      console.log(`   ${plan.label}: ${model.model_id}, ${model.training_stats.n_features} inputs, ${((performance.now() - started) / 1000).toFixed(1)} s`)
    }

    console.log(`\n3. Scoring ${ROWS} held-out rows (seed ${TEST_SEED})...`)
    const config = resolveConfig({ ...CONFIG, seed: TEST_SEED })
    const records = generateLogs(config)
    const test = Array.from({ length: ROWS }, () => records.next().value)
    const ids = test.map((r) => r.anomaly_details.anomaly_id)
    const rows = test.map(unlabelled)
    const scenarios = config.anomaly_scenarios.filter((s) => s.enabled)
    const services = test.map((r) => r.source_service)
    const tables: { label: string; table: RecallTable; byService: ReturnType<typeof falsePositiveRateBy> }[] = []
    for (const { plan, model } of models) {
      const started = performance.now()
      const flagged = await flag(client, model, rows)
      tables.push({ label: plan.label, table: recallTable(ids, flagged, scenarios), byService: falsePositiveRateBy(services, ids, flagged) })
      console.log(`   ${plan.label}: ${((performance.now() - started) / 1000).toFixed(1)} s`)
    }

    console.log(`\n4. Recall per scenario on the held-out rows (${ids.filter((id) => id !== null).length} anomalous of ${ROWS}):\n`)
    console.log(recallMarkdown(tables))
    for (const { label, table } of tables) {
      const missed = table.scenarios.filter((s) => s.recall !== null && s.recall < 0.2).map((s) => s.id)
      console.log(`   ${label}: FPR ${(table.false_positive_rate * 100).toFixed(1)}%, recall ${(table.recall * 100).toFixed(1)}%; under 20% recall: ${missed.join(', ') || 'none'}`)
    }
    console.log('\n   False-positive rate of normal rows by service:\n')
    console.log(`| service | normal rows | ${tables.map((t) => t.label).join(' | ')} |`)
    console.log(`| --- | ---: | ${tables.map(() => '---:').join(' | ')} |`)
    for (const [i, g] of (tables[0]?.byService ?? []).entries()) {
      console.log(`| ${g.group} | ${g.normal} | ${tables.map((t) => `${((t.byService[i]?.rate ?? 0) * 100).toFixed(1)}%`).join(' | ')} |`)
    }
  } finally {
    console.log('\n5. Cleaning up...')
    for (const id of created.models) await client.deleteModel(id).catch(() => undefined)
    if (created.dataset) await client.deleteDataset(created.dataset).catch(() => undefined)
  }
  console.log('Done.')
}

main().catch((err: unknown) => {
  console.error(`\nExample failed: ${err instanceof Error ? err.message : String(err)}`)
  process.exitCode = 1
})
