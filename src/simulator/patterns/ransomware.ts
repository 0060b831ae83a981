import { clamp, intBetween, logNormal, normal, pick, uuid } from '../sample.js'
import { internalIp } from '../network.js'
import { makeDraft, planted } from '../traffic/make-draft.js'
import type { Draft } from '../draft.js'
import type { Pattern } from './pattern.js'
import { paced } from './helpers.js'

const EXTENSIONS = ['.locked', '.crypt', '.enc', '.payme']

/**
 * BANK-016: malware on a file server encrypts shares: thousands of files
 * rewritten and renamed per minute, CPU pinned, then an attempt on the
 * backups and a ransom note.
 */
export const ransomware: Pattern = {
  id: 'ransomware',
  traces: 'file-storage-service rows from one host and account: files_modified in the thousands per minute, cpu_percent 85-100, renames to an unknown extension, then CRITICAL backup-deletion and ransom-note events',
  plan(ctx) {
    const { rng } = ctx
    const host = internalIp(rng, 7)
    const account = pick(rng, ctx.population.employees).id
    const ext = pick(rng, EXTENSIONS)
    const times = paced(rng, ctx.start, intBetween(rng, 3, 7), 30_000, 90_000)
    const row = (time: number, message: string, files: number, level: 'ERROR' | 'CRITICAL', status = 200): Draft =>
      makeDraft({ time, service: 'file-storage-service', kind: 'file', message, level, userId: account, ip: host, geo: 'US-NJ', correlationId: uuid(rng), responseMs: logNormal(rng, 400, 0.5), bytes: files * logNormal(rng, 300_000, 0.4), status, measured: { files_modified: files, cpu_percent: Math.round(clamp(normal(rng, 94, 4), 80, 100)) } })
    const rows = times.map((time) => {
      const files = Math.round(logNormal(rng, 1800, 0.5))
      return planted(row(time, `Mass file modification on \\\\fs01\\shares: ${files} files rewritten and renamed to *${ext} in 60 s`, files, 'ERROR'), 0.95)
    })
    const end = (times[times.length - 1] as number) + 20_000
    rows.push(
      planted(row(end, 'Backup catalogue deletion attempted on backup.vault.internal: access denied', 0, 'CRITICAL', 403), 0.99),
      planted(row(end + 15_000, `Ransom note README_RESTORE${ext.toUpperCase()}.txt written to 214 folders`, 214, 'CRITICAL'), 0.99),
    )
    return rows
  },
}
