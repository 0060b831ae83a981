import type { Rng } from '../../math/random.js'
import { FOREIGN, VPN_EXITS, place } from '../geo.js'
import { hostingIp, residentialIp } from '../network.js'
import { chance, pick } from '../sample.js'
import type { RequestContext } from '../traffic/request-context.js'
import type { IncidentContext } from './pattern.js'

/** `count` times spread over `durationMs` from `start`, in order. */
export function spread(rng: Rng, start: number, count: number, durationMs: number): number[] {
  const times = Array.from({ length: count }, () => start + rng.next() * durationMs)
  return times.sort((a, b) => a - b)
}

/** `count` times with gaps uniform in [minMs, maxMs], as a script or a person clicking. */
export function paced(rng: Rng, start: number, count: number, minMs: number, maxMs: number): number[] {
  const times: number[] = []
  let t = start
  for (let i = 0; i < count; i++) {
    times.push(t)
    t += minMs + rng.next() * (maxMs - minMs)
  }
  return times
}

/** Where an attacker connects from: a hosting/VPN range, or a residential address abroad. */
export function attackerOrigin(rng: Rng): { ip: string; geo: string } {
  if (chance(rng, 0.5)) return { ip: hostingIp(rng), geo: pick(rng, VPN_EXITS) }
  const geo = pick(rng, FOREIGN)
  return { ip: residentialIp(rng, place(geo).region), geo }
}

/** A device fingerprint nobody has used before. */
export function freshDevice(rng: Rng): string {
  return `dev-${rng.int(0x1000000).toString(16).padStart(6, '0')}`
}

/** The incident's randomness and customers, for the ordinary request builders. */
export function requestContext(ctx: IncidentContext): RequestContext {
  return { rng: ctx.rng, population: ctx.population }
}

/** A confidence that grows with the position in the incident (early rows look ordinary). */
export function ramp(i: number, from: number, step: number): number {
  return Math.min(0.99, from + step * i)
}
