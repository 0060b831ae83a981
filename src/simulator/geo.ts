/**
 * Locations as 004 writes them (`US-CA`: country and region), with a centre
 * point for distances. Customers live in the `home` places; the others appear
 * only through travel, VPN exits or attacks.
 */
export type Region = 'us' | 'eu' | 'apac' | 'latam' | 'cis' | 'africa' | 'mideast'

export interface Place {
  readonly code: string
  readonly lat: number
  readonly lon: number
  readonly region: Region
  /** Share of customers living here (0 = never a home). */
  readonly home: number
}

export const PLACES: readonly Place[] = [
  { code: 'US-CA', lat: 36.8, lon: -119.4, region: 'us', home: 14 },
  { code: 'US-NY', lat: 40.7, lon: -74.0, region: 'us', home: 12 },
  { code: 'US-TX', lat: 31.0, lon: -99.9, region: 'us', home: 10 },
  { code: 'US-FL', lat: 27.7, lon: -81.7, region: 'us', home: 8 },
  { code: 'US-IL', lat: 40.0, lon: -89.0, region: 'us', home: 6 },
  { code: 'US-WA', lat: 47.4, lon: -120.7, region: 'us', home: 5 },
  { code: 'US-MA', lat: 42.4, lon: -71.4, region: 'us', home: 5 },
  { code: 'US-GA', lat: 32.7, lon: -83.4, region: 'us', home: 5 },
  { code: 'US-NJ', lat: 40.1, lon: -74.5, region: 'us', home: 5 },
  { code: 'CA-ON', lat: 43.7, lon: -79.4, region: 'us', home: 4 },
  { code: 'GB-LND', lat: 51.5, lon: -0.1, region: 'eu', home: 6 },
  { code: 'DE-BE', lat: 52.5, lon: 13.4, region: 'eu', home: 3 },
  { code: 'FR-IDF', lat: 48.9, lon: 2.35, region: 'eu', home: 3 },
  { code: 'IE-D', lat: 53.35, lon: -6.26, region: 'eu', home: 2 },
  { code: 'IN-MH', lat: 19.1, lon: 72.9, region: 'apac', home: 3 },
  { code: 'SG-01', lat: 1.35, lon: 103.8, region: 'apac', home: 2 },
  { code: 'JP-13', lat: 35.7, lon: 139.7, region: 'apac', home: 1 },
  { code: 'MX-CMX', lat: 19.4, lon: -99.1, region: 'latam', home: 2 },
  // VPN exits and hosting locations
  { code: 'NL-NH', lat: 52.4, lon: 4.9, region: 'eu', home: 0 },
  { code: 'SE-AB', lat: 59.3, lon: 18.1, region: 'eu', home: 0 },
  { code: 'CH-ZH', lat: 47.4, lon: 8.5, region: 'eu', home: 0 },
  { code: 'PA-8', lat: 9.0, lon: -79.5, region: 'latam', home: 0 },
  { code: 'RO-B', lat: 44.4, lon: 26.1, region: 'eu', home: 0 },
  // places this bank's customers are not in
  { code: 'RU-MOW', lat: 55.8, lon: 37.6, region: 'cis', home: 0 },
  { code: 'BY-HM', lat: 53.9, lon: 27.6, region: 'cis', home: 0 },
  { code: 'UA-30', lat: 50.45, lon: 30.5, region: 'cis', home: 0 },
  { code: 'KP-01', lat: 39.0, lon: 125.8, region: 'apac', home: 0 },
  { code: 'CN-BJ', lat: 39.9, lon: 116.4, region: 'apac', home: 0 },
  { code: 'VN-SG', lat: 10.8, lon: 106.7, region: 'apac', home: 0 },
  { code: 'NG-LA', lat: 6.5, lon: 3.4, region: 'africa', home: 0 },
  { code: 'IR-07', lat: 35.7, lon: 51.4, region: 'mideast', home: 0 },
  { code: 'BR-SP', lat: -23.5, lon: -46.6, region: 'latam', home: 0 },
]

/** Where commercial VPNs and hosting providers exit. */
export const VPN_EXITS: readonly string[] = ['NL-NH', 'SE-AB', 'CH-ZH', 'PA-8', 'RO-B']

/** Countries with no customers, where attack traffic comes from. */
export const FOREIGN: readonly string[] = ['RU-MOW', 'BY-HM', 'UA-30', 'KP-01', 'CN-BJ', 'VN-SG', 'NG-LA', 'IR-07', 'BR-SP']

/** Where customers live (home weight > 0). */
export const HOMES: readonly Place[] = PLACES.filter((p) => p.home > 0)

const BY_CODE = new Map(PLACES.map((p) => [p.code, p]))

/** The place with this code; throws on an unknown code (a bug, not an input). */
export function place(code: string): Place {
  const p = BY_CODE.get(code)
  if (!p) throw new RangeError(`unknown place '${code}'`)
  return p
}

const EARTH_RADIUS_KM = 6371

/** Great-circle distance between two places, in km. */
export function distanceKm(a: string, b: string): number {
  if (a === b) return 0
  const p = place(a)
  const q = place(b)
  const rad = Math.PI / 180
  const dLat = (q.lat - p.lat) * rad
  const dLon = (q.lon - p.lon) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(p.lat * rad) * Math.cos(q.lat * rad) * Math.sin(dLon / 2) ** 2
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** Nearby homes (same region, within `km`), for customers who travel or commute. */
export function neighbours(code: string, km = 1500): Place[] {
  const p = place(code)
  return HOMES.filter((q) => q.code !== code && q.region === p.region && distanceKm(code, q.code) <= km)
}
