import type { Dimensions } from './dimension-relation.js'

/** 003's display names of its seven dimensions. */
const FIELD_NAMES: Readonly<Record<string, string>> = {
  partner: 'Partner',
  country: 'Country',
  operation: 'Operation',
  pi_type: 'PIType',
  flight: 'Flight',
  region: 'Region',
  instance: 'Instance',
}

const TYPE_PHRASES: Readonly<Record<string, string>> = {
  system_errors: 'system errors',
  user_errors: 'user errors',
  latency: 'latency',
  traffic: 'traffic',
}

/** Abuse types read as 003 names them, without a direction: 'Sev 2 - Card testing | IP = ps_…'. */
const ABUSE_PHRASES: Readonly<Record<string, string>> = {
  card_testing: 'Card testing',
  ddos: 'DDoS',
  fuzzing: 'Fuzzing',
}

/** Short words kept in capitals when a field or type name is turned into words. */
const ACRONYMS = new Set(['api', 'cpu', 'db', 'dns', 'http', 'id', 'ip', 'os', 'pi', 'sdk', 'sku', 'ssl', 'tls', 'ui', 'url', 'us', 'eu'])

/**
 * The incident title in 003's form:
 * `Sev 2 - Increase in system errors | Partner = cart | PIType = mc | Country = CA`.
 * Dimensions follow `order` (the monitor's dimension list), then any others
 * alphabetically; `{}` reads `| All traffic`.
 */
export function incidentTitle(severity: number, type: string, direction: 'increase' | 'decrease', dimensions: Dimensions, order: readonly string[] = []): string {
  const parts = orderedFields(dimensions, order).map((field) => `${fieldLabel(field)} = ${dimensions[field]}`)
  return `Sev ${severity} - ${typePhrase(type, direction)} | ${parts.length > 0 ? parts.join(' | ') : 'All traffic'}`
}

/** "Increase in system errors", "Drop in traffic"; a plugin type `gateway_timeouts` reads "Increase in gateway timeouts"; abuse types "Card testing". */
export function typePhrase(type: string, direction: 'increase' | 'decrease'): string {
  const abuse = ABUSE_PHRASES[type]
  if (abuse !== undefined) return abuse
  const what = TYPE_PHRASES[type] ?? words(type).map((w) => (ACRONYMS.has(w) ? w.toUpperCase() : w)).join(' ')
  return `${direction === 'decrease' ? 'Drop' : 'Increase'} in ${what}`
}

/** 003's name for a known field; otherwise words: `pidl_sdk_version` → "Pidl SDK Version". */
export function fieldLabel(field: string): string {
  const known = FIELD_NAMES[field]
  if (known !== undefined) return known
  const parts = words(field)
  if (parts.length === 0) return field
  return parts.map((w) => (ACRONYMS.has(w) ? w.toUpperCase() : w.charAt(0).toUpperCase() + w.slice(1))).join(' ')
}

function orderedFields(dimensions: Dimensions, order: readonly string[]): string[] {
  const named = order.filter((f) => Object.hasOwn(dimensions, f))
  const rest = Object.keys(dimensions)
    .filter((f) => !order.includes(f))
    .sort()
  return [...named, ...rest]
}

/** Lower-case words of snake_case, kebab-case, dotted or camelCase names. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_.\-/]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase())
}
