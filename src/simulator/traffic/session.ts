import type { Rng } from '../../math/random.js'
import type { Customer, Population } from '../population.js'
import { chance, pick } from '../sample.js'

/** Who is calling, from where, on what: the context of a customer request. */
export interface Session {
  readonly customer: Customer
  readonly ip: string
  readonly geo: string
  readonly device: string
}

/** Share of requests made on a device the customer never used (a new phone). */
const NEW_DEVICE = 0.01

/** A customer session: usually from home on a known device; sometimes away, rarely a new device. */
export function customerSession(rng: Rng, population: Population, customer = population.customer(rng)): Session {
  const away = customer.away !== null && chance(rng, 0.12)
  return {
    customer,
    // away from home they use their phone, the last address on the list
    ip: away ? (customer.ips[customer.ips.length - 1] as string) : pick(rng, customer.ips),
    geo: away ? (customer.away as string) : customer.home,
    device: chance(rng, NEW_DEVICE) ? `dev-${rng.int(0x1000000).toString(16).padStart(6, '0')}` : pick(rng, customer.devices),
  }
}
