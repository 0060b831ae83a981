import { chance, intBetween, logNormal, pick, uuid } from '../sample.js'
import { hostingIp, internalIp } from '../network.js'
import { makeDraft, planted } from '../traffic/make-draft.js'
import type { Pattern } from './pattern.js'
import { paced } from './helpers.js'

const ARCHIVES = ['customer_accounts.csv.gz', 'cards_export.zip', 'kyc_documents.tar', 'transactions_2024.parquet']

/**
 * BANK-015: a compromised account ships data out: exports of gigabytes to a
 * host the bank has never sent anything to, outside the nightly jobs.
 */
export const dataExfiltration: Pattern = {
  id: 'data_exfiltration',
  traces: 'file-storage-service exports of 0.3-5 GB (bytes_transferred, against a few MB for partner exports) to a host never seen before (new_destination=1 on the first), by a staff or service account',
  plan(ctx) {
    const { rng } = ctx
    const actor = chance(rng, 0.5) ? pick(rng, ctx.population.employees) : { id: 'svc-reporting', ip: internalIp(rng, 3), geo: 'US-NJ' }
    const destination = chance(rng, 0.5) ? hostingIp(rng) : `${rng.int(0x100000).toString(36)}.sync-storage.net`
    return paced(rng, ctx.start, intBetween(rng, 3, 6), 30_000, 180_000).map((time) => {
      const bytes = logNormal(rng, 1.2e9, 0.7)
      return planted(
        makeDraft({ time, service: 'file-storage-service', kind: 'file', message: `Export to ${destination}: ${(bytes / 1e9).toFixed(2)} GB (${pick(rng, ARCHIVES)}) by ${actor.id}`, level: 'WARN', userId: actor.id, ip: actor.ip, geo: actor.geo, correlationId: uuid(rng), responseMs: bytes / 40_000, bytes, destination, measured: { files_modified: intBetween(rng, 1, 4), cpu_percent: Math.round(logNormal(rng, 45, 0.3)) } }),
        0.9,
      )
    })
  },
}
