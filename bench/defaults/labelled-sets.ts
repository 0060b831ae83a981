/**
 * The labelled tables of `npm run bench:defaults`: every ODDS set and the API
 * access set in the shared data folder, read as text columns so each side can
 * type them as it would (Vigil by its own ingest, scikit-learn's notebook by
 * float conversion and one-hot encoding of the text columns).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

export const LABEL = 'is_anomaly'

export interface LabelledTable {
  readonly name: string
  /** The CSV as it is shared, uploaded to Vigil as is (minus the rows of the other side of the split). */
  readonly header: readonly string[]
  readonly rows: readonly (readonly string[])[]
  readonly y: Uint8Array
  /** Columns a person would hand a model: all but the label and the columns the folder's README says to drop. */
  readonly inputs: readonly string[]
  /** Of `inputs`, those whose values are not all numbers. */
  readonly text: ReadonlySet<string>
}

/** Columns the READMEs name as identifiers or second labels (besides is_anomaly). */
const DROP: Readonly<Record<string, readonly string[]>> = {
  'api-access-behaviour': ['row_id', 'classification'],
}

/** The labelled sets found under `dataDir`, by folder name (`odds-cardio` → `cardio`). */
export function findLabelledTables(dataDir: string, only?: ReadonlySet<string>): LabelledTable[] {
  const tables: LabelledTable[] = []
  for (const folder of readdirSync(dataDir).sort()) {
    if (!folder.startsWith('odds-') && folder !== 'api-access-behaviour') continue
    const name = folder.replace(/^odds-/, '')
    if (only && !only.has(name)) continue
    const dir = path.join(dataDir, folder)
    const csv = readdirSync(dir).find((f) => f.endsWith('.csv'))
    if (!csv || !existsSync(path.join(dir, csv))) continue
    tables.push(readTable(name, path.join(dir, csv), DROP[folder] ?? []))
  }
  return tables
}

function readTable(name: string, file: string, drop: readonly string[]): LabelledTable {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '')
  const header = (lines[0] ?? '').split(',')
  const labelAt = header.indexOf(LABEL)
  if (labelAt < 0) throw new Error(`${file}: no ${LABEL} column`)
  const rows = lines.slice(1).map((l) => l.split(','))
  const y = Uint8Array.from(rows, (r) => (r[labelAt] === '1' ? 1 : 0))
  const inputs = header.filter((c) => c !== LABEL && !drop.includes(c))
  const text = new Set(inputs.filter((c) => rows.some((r) => !Number.isFinite(Number(r[header.indexOf(c)])))))
  return { name, header, rows, y, inputs, text }
}
