import { toCombination, type PxBatch, type PxTraffic, type RegressionLabel } from '../../../src/simulator/px/index.js'

/** All of a run's batches joined into one (tests use short runs). */
export function collect(traffic: PxTraffic, maxEvents?: number): PxBatch {
  const parts = [...traffic.batches({ maxEvents })]
  const length = parts.reduce((s, b) => s + b.length, 0)
  const out = {
    length,
    time: new Float64Array(length),
    dims: new Uint16Array(length * 7),
    status: new Uint16Array(length),
    latency: new Uint32Array(length),
    user: new Int32Array(length),
    ip: new Int32Array(length),
    card: new Uint32Array(length),
    holder: new Int32Array(length),
    malformed: new Uint8Array(length),
    regression: new Int16Array(length),
    attack: new Int16Array(length),
  }
  let at = 0
  for (const b of parts) {
    out.time.set(b.time, at)
    out.dims.set(b.dims, at * 7)
    out.status.set(b.status, at)
    out.latency.set(b.latency, at)
    out.user.set(b.user, at)
    out.ip.set(b.ip, at)
    out.card.set(b.card, at)
    out.holder.set(b.holder, at)
    out.malformed.set(b.malformed, at)
    out.regression.set(b.regression, at)
    out.attack.set(b.attack, at)
    at += b.length
  }
  return out
}

/** A predicate: is event i inside the label's combination and window? */
export function inside(traffic: PxTraffic, label: RegressionLabel): (batch: PxBatch, i: number) => boolean {
  const combo = toCombination(traffic.model, label.dimensions)
  const start = Date.parse(label.start)
  const end = Date.parse(label.end)
  return (batch, i) => {
    const t = batch.time[i]!
    if (t < start || t >= end) return false
    for (let d = 0; d < 7; d++) if (combo[d]! >= 0 && combo[d] !== batch.dims[i * 7 + d]) return false
    return true
  }
}

/** Value of dimension d of event i. */
export function value(traffic: PxTraffic, batch: PxBatch, i: number, d: number): string {
  return traffic.model.values[d]![batch.dims[i * 7 + d]!]!
}
