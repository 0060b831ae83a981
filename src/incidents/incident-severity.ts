import type { MonitorConfig } from '../monitors/monitor-config.js'
import { containedIn, type Dimensions } from './dimension-relation.js'

/** Share of the monitor's traffic at which an incident counts as broad (003 §1.2 "hints"). */
export const BREADTH_SHARE = 0.25

export interface SeverityChoice {
  /** 1 = most severe, 4 = least. */
  readonly severity: number
  /** Which rule decided, for the on-call engineer who wants to adjust it. */
  readonly reason: string
}

/**
 * The severity of an incident by the monitor's rules: the first rule whose
 * `when` matches wins (its `type`, when given, equals the incident's type;
 * every dimension value it names is in the incident's combination, which may
 * name more), else the default. With `breadth_bump` (on unless switched off)
 * a combination carrying at least 25% of the monitor's traffic is one step
 * more severe, never beyond 1.
 */
export function chooseSeverity(type: string, dimensions: Dimensions, shareOfTraffic: number, rules: MonitorConfig['severity'] | undefined): SeverityChoice {
  const list = rules?.rules ?? []
  let severity = rules?.default ?? 3
  let reason = 'default'
  for (let i = 0; i < list.length; i++) {
    const when = list[i]!.when
    if (when.type !== undefined && when.type !== type) continue
    if (when.dimensions !== undefined && !containedIn(when.dimensions, dimensions)) continue
    severity = list[i]!.severity
    reason = `rule ${i + 1}`
    break
  }
  if ((rules?.breadth_bump ?? true) && shareOfTraffic >= BREADTH_SHARE && severity > 1) {
    severity -= 1
    reason += ' + breadth bump'
  }
  return { severity, reason }
}
