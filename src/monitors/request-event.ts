import type { Actor } from '../abuse/actor.js'
import type { MonitorConfig } from './monitor-config.js'

/** Value a missing or empty dimension counts under. */
export const NO_VALUE = '(none)'

/** Longest dimension value kept; longer ones are cut, so one bad client cannot grow the state without bound. */
export const MAX_VALUE_LENGTH = 200

/** Separates dimension values in a leaf key (a control character no JSON string value needs). */
export const KEY_SEPARATOR = '\u0001'

/** One request as the detectors see it: its time, its leaf (full combination of dimension values) and its outcome. */
export interface RequestEvent {
  /** Event time, epoch milliseconds. */
  readonly time: number
  /** The dimension values joined by KEY_SEPARATOR, in the monitor's dimension order. */
  readonly leaf: string
  readonly status: number
  /** Milliseconds; NaN when the event has none. */
  readonly latency: number
  /** Who sent it (pseudonymised entities and flags) for the entity detectors; undefined when it names no entity. */
  readonly actor: Actor | undefined
}

/** Dimension texts of the event being checked (reused: one array for all events). */
const leafParts: string[] = []

export type EventCheck = { readonly ok: true; readonly event: RequestEvent } | { readonly ok: false; readonly error: string }

/**
 * Check one decoded event against a monitor's field names and reduce it to
 * what the regression detectors keep. Dimension values may be strings,
 * numbers or booleans; anything else in a dimension is an error (a nested
 * object would silently become "[object Object]").
 */
export function toRequestEvent(raw: unknown, config: MonitorConfig): EventCheck {
  const checked = checkRequestEvent(raw, config)
  return typeof checked === 'string' ? { ok: false, error: checked } : { ok: true, event: checked }
}

/** `toRequestEvent` without the wrapper (the batch hot path): the event, or the error as text. */
export function checkRequestEvent(raw: unknown, config: MonitorConfig, actor?: Actor): RequestEvent | string {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'an event must be a JSON object'
  const record = raw as Record<string, unknown>
  const time = parseTime(record[config.timestamp_field])
  if (time === undefined) {
    return `${config.timestamp_field} must be an ISO 8601 time or epoch milliseconds; got ${describe(record[config.timestamp_field])}`
  }
  const status = record[config.status_field]
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
    return `${config.status_field} must be an integer HTTP status code (100-599); got ${describe(status)}`
  }
  const latencyRaw = record[config.latency_field]
  let latency = Number.NaN
  if (latencyRaw !== undefined && latencyRaw !== null) {
    if (typeof latencyRaw !== 'number' || !Number.isFinite(latencyRaw) || latencyRaw < 0) {
      return `${config.latency_field} must be a number of milliseconds >= 0; got ${describe(latencyRaw)}`
    }
    latency = latencyRaw
  }
  // joined once from the parts: a flat string (repeated `+` makes a rope that every map lookup must flatten first)
  const parts = leafParts
  parts.length = config.dimensions.length
  for (let i = 0; i < config.dimensions.length; i++) {
    const name = config.dimensions[i] as string
    const v = record[name]
    let text: string
    if (v === undefined || v === null || v === '') text = NO_VALUE
    else if (typeof v === 'string') text = v.length > MAX_VALUE_LENGTH ? v.slice(0, MAX_VALUE_LENGTH) : v
    else if (typeof v === 'number' || typeof v === 'boolean') text = String(v)
    else return `dimension ${name} must be a string, number or boolean; got ${describe(v)}`
    if (text.includes(KEY_SEPARATOR)) text = text.replaceAll(KEY_SEPARATOR, ' ')
    parts[i] = text
  }
  const leaf = parts.join(KEY_SEPARATOR)
  parts.fill('')
  return { time, leaf, status, latency, actor }
}

/** Epoch milliseconds of an ISO 8601 string (UTC when it has no zone) or of a number (epoch milliseconds). */
export function parseTime(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 && v < 8.64e15 ? v : undefined
  if (typeof v !== 'string' || v.length < 10 || v.length > 40) return undefined
  const fast = isoMillisUtc(v)
  if (fast >= 0) return fast
  // a time without a zone is UTC, as 003's events are (Date.parse would read it as local time)
  const zoned = /[zZ]$|[+-]\d\d:?\d\d$/.test(v) || v.length === 10 ? v : `${v}Z`
  const t = Date.parse(zoned)
  return Number.isFinite(t) ? t : undefined
}

/** The whole second ("YYYY-MM-DDTHH:MM:SS") last parsed by `isoMillisUtc` and its epoch ms: a stream's events share it. */
let cachedSecond = ''
let cachedSecondMs = 0

/**
 * Epoch ms of "YYYY-MM-DDTHH:MM:SS.sssZ" (what most clients send), parsing
 * only the milliseconds when the second is the one parsed last; -1 for any
 * other form (parseTime's general path takes it). Equal to Date.parse.
 */
function isoMillisUtc(v: string): number {
  if (v.length !== 24 || v.charCodeAt(23) !== 90 || v.charCodeAt(19) !== 46 || v.charCodeAt(10) !== 84) return -1
  const a = v.charCodeAt(20) - 48
  const b = v.charCodeAt(21) - 48
  const c = v.charCodeAt(22) - 48
  if (a < 0 || a > 9 || b < 0 || b > 9 || c < 0 || c > 9) return -1
  if (cachedSecond === '' || !v.startsWith(cachedSecond)) {
    // hour 24 is only valid as 24:00:00.000, which the second alone cannot tell
    if (v.charCodeAt(11) === 50 && v.charCodeAt(12) === 52) return -1
    const second = v.slice(0, 19)
    const ms = Date.parse(`${second}Z`)
    if (!Number.isFinite(ms)) return -1
    cachedSecond = second
    cachedSecondMs = ms
  }
  return cachedSecondMs + a * 100 + b * 10 + c
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing (the field is missing)'
  const text = JSON.stringify(v) ?? String(v)
  return text.length > 80 ? `${text.slice(0, 80)}…` : text
}

/** The dimension values of a leaf key, as an object. */
export function leafDimensions(leaf: string, dimensions: readonly string[]): Record<string, string> {
  const values = leaf.split(KEY_SEPARATOR)
  return Object.fromEntries(dimensions.map((d, i) => [d, values[i] ?? NO_VALUE]))
}
