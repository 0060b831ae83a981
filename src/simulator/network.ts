import type { Rng } from '../math/random.js'
import type { Region } from './geo.js'
import { intBetween, pick } from './sample.js'

/**
 * IPv4 addresses that look like their origin: residential and mobile ranges
 * by region, hosting/VPN ranges used by attackers and VPN users, and the
 * bank's internal 10.0.0.0/8.
 */
const FIRST_OCTETS: Record<Region, readonly number[]> = {
  us: [24, 47, 63, 66, 67, 68, 69, 71, 72, 73, 74, 75, 76, 96, 97, 98, 99, 107, 108],
  eu: [2, 5, 31, 37, 46, 62, 77, 78, 79, 80, 81, 82, 83, 84, 86, 87, 88, 90, 92, 94],
  apac: [1, 14, 27, 36, 39, 42, 49, 58, 59, 60, 101, 110, 112, 114, 116, 118, 120, 122, 124],
  latam: [177, 179, 181, 186, 187, 189, 190, 191, 200, 201],
  cis: [5, 31, 37, 46, 77, 78, 91, 95, 176, 178, 188, 212, 213, 217],
  africa: [41, 102, 105, 154, 196, 197],
  mideast: [2, 5, 31, 37, 46, 78, 91, 151, 185],
}

/** Prefixes of hosting providers and VPN exits (the first two octets). */
const HOSTING_PREFIXES: readonly string[] = ['185.220', '45.133', '89.187', '104.244', '193.32', '146.70', '91.219', '198.54']

/** A residential or mobile address in `region`. */
export function residentialIp(rng: Rng, region: Region): string {
  return `${pick(rng, FIRST_OCTETS[region])}.${rng.int(256)}.${rng.int(256)}.${intBetween(rng, 1, 254)}`
}

/** A hosting-provider or VPN exit address. */
export function hostingIp(rng: Rng): string {
  return `${pick(rng, HOSTING_PREFIXES)}.${rng.int(256)}.${intBetween(rng, 1, 254)}`
}

/** An address inside the bank (service hosts, staff workstations). */
export function internalIp(rng: Rng, subnet: number): string {
  return `10.${subnet}.${rng.int(256)}.${intBetween(rng, 1, 254)}`
}

/** Whether an address belongs to one of the hosting/VPN ranges. */
export function isHostingIp(ip: string): boolean {
  return HOSTING_PREFIXES.some((p) => ip.startsWith(`${p}.`))
}
