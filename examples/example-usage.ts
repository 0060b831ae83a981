/**
 * Unsupervised example (the TypeScript version of 002's example_usage.py):
 * upload a CSV, train an isolation forest on price with volume and amount as
 * features, score one row and a batch, inspect, list and load the model,
 * retrain it on new data, combine the datasets and train on the result, then
 * delete what the example created.
 *
 * Needs a running server: `npm start`, then `npm run example:usage`
 * (VIGIL_URL overrides http://localhost:8000).
 */
import { VigilClient, type Model, type Row, type TrainRequest } from './client.js'
import { ensureExampleData } from './generate-data.js'

const percent = (share: number): string => `${(share * 100).toFixed(2)}%`

function printStats(model: Model): void {
  const s = model.training_stats
  console.log(`   Algorithm: ${model.algorithm} (version ${model.version})`)
  console.log(`   Features: ${model.feature_columns.join(', ')}`)
  console.log(`   Training samples: ${s.n_samples}`)
  console.log(`   Anomalies in training data: ${s.anomaly_count} (anomaly rate ${percent(s.anomaly_rate)})`)
  console.log(`   Threshold: ${s.threshold.toFixed(4)}`)
}

async function main(): Promise<void> {
  const files = ensureExampleData()
  const client = new VigilClient()
  console.log(`Vigil at ${client.baseUrl}\n`)

  console.log('1. Uploading dataset...')
  const dataset = await client.uploadDataset(files.transactions)
  console.log(`   ${dataset.message}`)
  console.log(`   Dataset ID: ${dataset.dataset_id}`)
  console.log(`   Columns: ${dataset.columns.map((c) => `${c.name} (${c.kind})`).join(', ')}`)

  console.log('\n2. Training model...')
  const trainingRequest: TrainRequest = {
    algorithm: 'isolation_forest',
    contamination: 0.1,
    target_column: 'price',
    feature_columns: ['volume', 'amount'],
  }
  const model = await client.train(dataset.dataset_id, trainingRequest)
  console.log(`   Model ID: ${model.model_id}`)
  printStats(model)

  console.log('\n3. Single prediction...')
  const row: Row = { price: 120.5, volume: 950, amount: 10000 }
  const single = await client.predict(model.model_id, row)
  console.log(`   Input: ${JSON.stringify(row)}`)
  console.log(`   Is anomaly: ${single.prediction.is_anomaly}`)
  console.log(`   Anomaly score: ${single.prediction.anomaly_score.toFixed(4)} (threshold ${single.prediction.anomaly_threshold.toFixed(4)})`)
  console.log(`   Anomaly probability: ${single.prediction.anomaly_probability.toFixed(3)}`)

  console.log('\n4. Batch prediction...')
  const rows: Row[] = [
    { price: 100.3, volume: 1010, amount: 10050 }, // typical
    { price: 120.5, volume: 950, amount: 10000 },
    { price: 200.0, volume: 950, amount: 10000 }, // likely anomaly
    { price: 118.2, volume: 1100, amount: 12000 },
  ]
  const batch = await client.predictBatch(model.model_id, rows)
  console.log(`   Anomalies found: ${batch.predictions.anomaly_count} of ${batch.predictions.total}`)
  for (const r of batch.predictions.results) {
    console.log(`   [${r.index}] ${JSON.stringify(rows[r.index])} -> is_anomaly=${r.is_anomaly}, score=${r.anomaly_score.toFixed(4)}`)
  }

  console.log('\n5. Model information...')
  const info = await client.getModel(model.model_id)
  console.log(`   Algorithm: ${info.algorithm}`)
  console.log(`   Status: ${info.status}, versions: ${info.versions.join(', ')}, loaded: ${info.loaded}`)
  console.log(`   Anomaly rate: ${percent(info.training_stats.anomaly_rate)}`)

  console.log('\n6. Listing models...')
  const list = await client.listModels()
  console.log(`   Total models: ${list.count}`)
  for (const m of list.models) console.log(`   - ${m.model_id}: ${m.algorithm}, v${m.latest_version}, ${m.training_stats.n_samples} samples`)

  console.log('\n7. Loading model...')
  const loaded = await client.loadModel(model.model_id)
  console.log(`   Loaded ${loaded.model_id}@${loaded.version} in ${loaded.load_time_ms.toFixed(1)} ms${loaded.already_loaded ? ' (already in memory)' : ''}`)

  console.log('\n8. Retraining on new data...')
  const newDataset = await client.uploadDataset(files.transactionsNew)
  console.log(`   New dataset ID: ${newDataset.dataset_id} (${newDataset.rows} rows)`)
  const retrained = await client.retrain(model.model_id, newDataset.dataset_id, {
    algorithm: 'isolation_forest',
    contamination: 0.1,
    target_column: 'price',
  })
  // as in 002, a retrain trains on the model's data plus the new dataset, stacked into a new dataset
  console.log(`   Retrained ${retrained.model_id}: now version ${retrained.version}, on ${retrained.training_stats.n_samples} rows (dataset ${retrained.dataset_id})`)
  printStats(retrained)

  console.log('\n9. Combining datasets...')
  // combine stacks the model's training data with another dataset; version 2 already holds the new
  // data, so the server starts from version 1's (002's retrain-then-combine order; base_version says so)
  const combined = await client.combine(model.model_id, newDataset.dataset_id)
  console.log(`   Combined dataset ID: ${combined.combined_dataset_id} (${combined.rows} rows: ${combined.original_records} + ${combined.new_records})`)
  const combinedModel = await client.train(combined.combined_dataset_id, trainingRequest)
  console.log(`   Trained ${combinedModel.model_id} on the combined data`)
  printStats(combinedModel)

  console.log('\n10. Cleaning up...')
  for (const id of [model.model_id, combinedModel.model_id]) {
    const deleted = await client.deleteModel(id)
    console.log(`   Deleted model ${deleted.model_id} (${deleted.versions_deleted} version${deleted.versions_deleted === 1 ? '' : 's'})`)
  }
  for (const id of [combined.combined_dataset_id, retrained.dataset_id, newDataset.dataset_id, dataset.dataset_id]) {
    await client.deleteDataset(id)
    console.log(`   Deleted dataset ${id}`)
  }
  console.log('\nDone.')
}

main().catch((err: unknown) => {
  console.error(`\nExample failed: ${err instanceof Error ? err.message : String(err)}`)
  process.exitCode = 1
})
