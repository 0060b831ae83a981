import type { MonitorConfig } from './monitor-config.js'

export const MONITOR_KIND = 'vigil.monitor'
export const MONITOR_FORMAT_VERSION = 1

/** A monitor as stored: its config with a kind and format version (plain JSON; loading runs no code). */
export interface MonitorRecord {
  readonly kind: typeof MONITOR_KIND
  readonly format_version: typeof MONITOR_FORMAT_VERSION
  readonly name: string
  readonly config: MonitorConfig
  readonly created_at: string
  readonly updated_at: string
  /** Where the config came from: the API, or monitors.json at start. */
  readonly source: 'api' | 'file'
}
