import { mkdir, readdir, rm } from 'node:fs/promises'
import path from 'node:path'
import { Value } from 'typebox/value'
import { TEMP_PREFIX, writeJsonAtomic } from '../store/atomic-write.js'
import { readJson } from '../store/read-json.js'
import { Incident } from './incident-schema.js'

/** Envelope of `<root>/<incident_id>.json`. */
export const INCIDENT_KIND = 'vigil.incident'
export const INCIDENT_FORMAT_VERSION = 1

export interface StoreLog {
  warn(obj: object, msg: string): void
  error(obj: object, msg: string): void
}

/**
 * One JSON file per incident. Writes are atomic (temp file, fsync, rename)
 * and serialised per incident: a write asked for while another is running
 * waits and then writes the newest state, so the file never ends on an older
 * snapshot than memory.
 */
export interface IncidentFiles {
  /** Every stored incident; damaged or foreign files are logged and skipped (left on disk for a person to look at). */
  loadAll(): Promise<Incident[]>
  /** Write the incident's current state (read when the write starts, through `current`). */
  save(id: string): Promise<void>
  remove(id: string): Promise<void>
  /** Resolves when no write is running. */
  idle(): Promise<void>
}

export async function openIncidentFiles(root: string, current: (id: string) => Incident | undefined, log: StoreLog): Promise<IncidentFiles> {
  await mkdir(root, { recursive: true })
  // the latest scheduled write per incident, and which of them have not started yet
  const pending = new Map<string, Promise<void>>()
  const queued = new Set<string>()
  const file = (id: string): string => path.join(root, `${id}.json`)

  const write = async (id: string): Promise<void> => {
    const incident = current(id)
    if (incident === undefined) return
    await writeJsonAtomic(file(id), { kind: INCIDENT_KIND, format_version: INCIDENT_FORMAT_VERSION, incident })
  }

  const save = (id: string): Promise<void> => {
    // a queued write reads the state when it starts, so it covers this request too
    if (queued.has(id)) return pending.get(id)!
    queued.add(id)
    const previous = pending.get(id) ?? Promise.resolve()
    const next = previous
      .catch(() => undefined)
      .then(() => {
        queued.delete(id)
        return write(id)
      })
    pending.set(id, next)
    const forget = (): void => {
      if (pending.get(id) === next) pending.delete(id)
    }
    next.then(forget, forget)
    return next
  }

  return {
    async loadAll() {
      const out: Incident[] = []
      for (const name of await readdir(root)) {
        if (name.startsWith(TEMP_PREFIX)) {
          await rm(path.join(root, name), { force: true })
          continue
        }
        if (!name.endsWith('.json')) continue
        const where = path.join(root, name)
        try {
          const stored = await readJson(where)
          const problem = envelopeProblem(stored, name.slice(0, -'.json'.length))
          if (problem !== undefined) log.error({ file: where, problem }, 'skipped a damaged incident file')
          else out.push((stored as { incident: Incident }).incident)
        } catch (err) {
          log.error({ file: where, err }, 'skipped an unreadable incident file')
        }
      }
      return out
    },
    save,
    async remove(id) {
      // the caller has dropped the incident from memory, so writes still queued write nothing
      await pending.get(id)?.catch(() => undefined)
      await rm(file(id), { force: true })
    },
    async idle() {
      while (pending.size > 0) await Promise.allSettled([...pending.values()])
    },
  }
}

function envelopeProblem(value: unknown, id: string): string | undefined {
  if (value === null || typeof value !== 'object') return 'not a JSON object'
  const v = value as Record<string, unknown>
  if (v.kind !== INCIDENT_KIND) return `kind is ${JSON.stringify(v.kind)}, expected '${INCIDENT_KIND}'`
  if (v.format_version !== INCIDENT_FORMAT_VERSION) return `unknown format_version ${JSON.stringify(v.format_version)}`
  if (!Value.Check(Incident, v.incident)) return 'the incident does not match the schema'
  if ((v.incident as Incident).incident_id !== id) return 'incident_id differs from the file name'
  return undefined
}
