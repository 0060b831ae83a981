import { createRng, deriveSeed, type Rng } from '../math/random.js'
import { HOMES, neighbours, place } from './geo.js'
import { internalIp, residentialIp } from './network.js'
import { chance, intBetween, logNormal, pick, pickWeighted } from './sample.js'

/** A customer: where they live, the addresses and devices they use, what they usually spend. */
export interface Customer {
  readonly id: string
  readonly home: string
  /** A second place they are often in (commute, second home), or null. */
  readonly away: string | null
  readonly ips: readonly string[]
  readonly devices: readonly string[]
  readonly cards: readonly string[]
  /** Median transfer or card amount, USD. */
  readonly typicalAmount: number
}

/** A bank employee: staff id, office workstation address and location. */
export interface Employee {
  readonly id: string
  readonly ip: string
  readonly geo: string
}

export interface Population {
  readonly customers: readonly Customer[]
  readonly employees: readonly Employee[]
  /** A customer, the active ones more often (activity is log-normal across customers). */
  customer(rng: Rng): Customer
  /** Hosts the bank sends files to routinely (partners, backup). */
  readonly knownDestinations: readonly string[]
}

const OFFICES = ['US-NY', 'US-NJ', 'US-TX', 'GB-LND']

/** Customers and staff, drawn once from the seed. */
export function createPopulation(seed: number, size: { customers: number; employees: number }): Population {
  const rng = createRng(deriveSeed(seed, 101))
  const customers: Customer[] = []
  const cumulative = new Float64Array(size.customers)
  let total = 0
  for (let i = 0; i < size.customers; i++) {
    const home = pickWeighted(rng, HOMES, (p) => p.home).code
    const near = neighbours(home)
    const away = near.length > 0 && chance(rng, 0.2) ? pick(rng, near).code : null
    const region = place(home).region
    customers.push({
      id: `USR-${10000 + i}`,
      home,
      away,
      ips: Array.from({ length: intBetween(rng, 1, 3) }, () => residentialIp(rng, region)),
      devices: Array.from({ length: intBetween(rng, 1, 2) }, () => `dev-${rng.int(0x1000000).toString(16).padStart(6, '0')}`),
      cards: Array.from({ length: intBetween(rng, 1, 2) }, () => `card-${rng.int(0x10000).toString(16).padStart(4, '0')}`),
      typicalAmount: Math.round(logNormal(rng, 60, 0.9) * 100) / 100,
    })
    total += logNormal(rng, 1, 1)
    cumulative[i] = total
  }
  const employees: Employee[] = Array.from({ length: size.employees }, (_, i) => ({
    id: `EMP-${1000 + i}`,
    ip: internalIp(rng, 20),
    geo: pick(rng, OFFICES),
  }))
  return {
    customers,
    employees,
    customer(r) {
      const target = r.next() * total
      let lo = 0
      let hi = cumulative.length - 1
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if ((cumulative[mid] as number) < target) lo = mid + 1
        else hi = mid
      }
      return customers[lo] as Customer
    },
    knownDestinations: ['sftp.partner-clearing.com', 'backup.vault.internal', 'reports.regulator.gov', 'sftp.card-network.com'],
  }
}
