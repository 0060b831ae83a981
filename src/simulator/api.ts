import type { Static } from 'typebox'
import type { ControlBody, SimulatedDatasetBody } from '../schemas/simulator.js'
import { LABEL_COLUMNS } from './columns.js'
import { createDataset, type UploadDataset } from './create-dataset.js'
import type { LiveSimulator } from './live-simulator.js'
import { mergeConfigs, resolveConfig } from './resolve-config.js'

/** POST /simulator/datasets: generate, store through ingest, and describe what was made. */
export async function simulateDataset(upload: UploadDataset, body: Static<typeof SimulatedDatasetBody>) {
  const config = resolveConfig(mergeConfigs(body.config ?? {}, body.seed === undefined ? {} : { seed: body.seed }))
  const { dataset, summary } = await createDataset(upload, config, body.rows, body.format)
  return {
    dataset_id: dataset.dataset_id,
    original_name: dataset.original_name,
    format: dataset.format,
    rows: dataset.rows,
    size_bytes: dataset.size_bytes,
    sha256: dataset.sha256,
    created_at: dataset.created_at,
    label_columns: [...LABEL_COLUMNS],
    summary,
    message: `generated ${summary.rows} rows (${summary.anomalies} anomalous) with seed ${summary.seed}; train with POST /train/${dataset.dataset_id} and explicit feature_columns`,
  }
}

/** POST /simulator/control: start (optionally with a new config) or stop the live simulator. */
export function controlSimulator(live: LiveSimulator, body: Static<typeof ControlBody>) {
  const message = body.action === 'start' ? live.start(body.config ? resolveConfig(body.config) : undefined) : live.stop()
  return { ...live.status(), message }
}
