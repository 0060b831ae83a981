/**
 * The PX world the simulator draws from: dimension values with their
 * traffic weights, and the baseline error rates and latencies.
 *
 * The shares are chosen to look like a payment-instrument service of a large
 * store: one dominant partner and a long tail, a US-heavy country mix with
 * ~30 countries, PSD2 sessions only in Europe, financing only in the US, and
 * traffic served from the Azure regions near the customer. The combinations
 * of 003's four examples carry enough traffic (at the default 30 requests/s:
 * about 0.6, 3.5, 100 and 19 requests per minute on average) for "detected within ~30
 * requests" to mean minutes to an hour, not days.
 */

/** Partners (storefronts): one large, a few mid-size, a long tail. Weights are relative. */
export const PARTNERS: readonly (readonly [string, number])[] = [
  ['cart', 30],
  ['xbox', 12],
  ['dime', 10],
  ['officeoobe', 7],
  ['azure', 6],
  ['webblends', 5],
  ['storify', 4],
  ['oxowebdirect', 3.5],
  ['commercialstores', 3],
  ['setupoffice', 2.6],
  ['northstarweb', 2.3],
  ['amcweb', 2],
  ['onedrive', 1.8],
  ['msteams', 1.6],
  ['skype', 1.4],
  ['windowsstore', 1.2],
  ['xboxweb', 1.1],
  ['bing', 1],
  ['consumersupport', 0.9],
  ['marketplace', 0.8],
  ['wallet', 0.7],
  ['payinproxy', 0.6],
  ['officesmb', 0.5],
  ['ggpdeds', 0.4],
  ['mseg', 0.3],
]

/** Where a country's traffic is served from. */
type Geo = 'us' | 'americas' | 'europe' | 'apac' | 'emea'

/** A country: ISO code, relative traffic, serving geography, PSD2 applies, extra local PI types. */
export interface CountryInfo {
  readonly code: string
  readonly weight: number
  readonly geo: Geo
  readonly psd2: boolean
  readonly localPi: readonly (readonly [string, number])[]
}

const C = (code: string, weight: number, geo: Geo, psd2 = false, localPi: readonly (readonly [string, number])[] = []): CountryInfo => ({ code, weight, geo, psd2, localPi })

/** 30 countries, US-heavy with a skewed tail. */
export const COUNTRIES: readonly CountryInfo[] = [
  C('US', 33, 'us', false, [['discover', 5], ['citizens_one_financing', 4.5]]),
  C('GB', 7, 'europe', true),
  C('DE', 6, 'europe', true, [['sepa', 12], ['klarna', 6]]),
  C('CA', 5.5, 'americas'),
  C('FR', 5, 'europe', true),
  C('JP', 4, 'apac', false, [['jcb', 14]]),
  C('AU', 3, 'apac'),
  C('BR', 3, 'americas'),
  C('IN', 2.5, 'apac', false, [['upi', 15]]),
  C('MX', 2, 'americas'),
  C('NL', 2, 'europe', true, [['ideal', 18], ['sepa', 6]]),
  C('IT', 2, 'europe', true),
  C('ES', 2, 'europe', true),
  C('SE', 1.5, 'europe', true, [['klarna', 10]]),
  C('PL', 1.5, 'europe', true),
  C('KR', 1.5, 'apac'),
  C('CH', 1, 'europe'),
  C('BE', 1, 'europe', true, [['sepa', 6]]),
  C('AT', 1, 'europe', true, [['sepa', 10], ['klarna', 4]]),
  C('DK', 0.8, 'europe', true),
  C('NO', 0.8, 'europe', true, [['klarna', 5]]),
  C('FI', 0.7, 'europe', true, [['klarna', 5]]),
  C('IE', 0.7, 'europe', true),
  C('NZ', 0.6, 'apac'),
  C('SG', 0.6, 'apac'),
  C('PT', 0.6, 'europe', true),
  C('CZ', 0.5, 'europe', true),
  C('TR', 0.5, 'emea'),
  C('ZA', 0.4, 'emea'),
  C('AR', 0.4, 'americas'),
]

/** PI types every country has, before its local ones. `mc` is Mastercard (PX's own name for it). */
export const GLOBAL_PI_TYPES: readonly (readonly [string, number])[] = [
  ['visa', 40],
  ['mc', 31],
  ['amex', 8],
  ['paypal', 12],
]

/** Azure regions and how many of the 80 PX-PROD instances each runs. */
export const REGIONS: readonly (readonly [string, number])[] = [
  ['centralus', 18],
  ['eastus', 18],
  ['westus2', 12],
  ['westeurope', 14],
  ['northeurope', 10],
  ['southeastasia', 8],
]

/** Share of a geography's traffic served by each region. */
export const REGION_SHARE: Readonly<Record<Geo, Readonly<Record<string, number>>>> = {
  us: { centralus: 40, eastus: 35, westus2: 25 },
  americas: { eastus: 50, centralus: 30, westus2: 20 },
  europe: { westeurope: 60, northeurope: 40 },
  emea: { westeurope: 50, northeurope: 30, eastus: 20 },
  apac: { southeastasia: 70, westus2: 30 },
}

/** An operation: relative traffic, baseline error rates, median latency. */
export interface OperationInfo {
  readonly name: string
  readonly weight: number
  /** Only where PSD2 applies. */
  readonly psd2Only: boolean
  /** Share of requests answered 4xx (user errors: validation, declines the user can fix, expired sessions). */
  readonly userErrorRate: number
  /** Share answered 5xx. */
  readonly systemErrorRate: number
  readonly medianMs: number
}

export const OPERATIONS: readonly OperationInfo[] = [
  { name: 'add_pi', weight: 30, psd2Only: false, userErrorRate: 0.045, systemErrorRate: 0.006, medianMs: 420 },
  { name: 'edit_pi', weight: 15, psd2Only: false, userErrorRate: 0.03, systemErrorRate: 0.005, medianMs: 310 },
  { name: 'list_pi', weight: 25, psd2Only: false, userErrorRate: 0.008, systemErrorRate: 0.003, medianMs: 70 },
  { name: 'get_pidl', weight: 20, psd2Only: false, userErrorRate: 0.012, systemErrorRate: 0.004, medianMs: 110 },
  { name: 'validate_address', weight: 10, psd2Only: false, userErrorRate: 0.05, systemErrorRate: 0.004, medianMs: 160 },
  { name: 'psd2_session', weight: 18, psd2Only: true, userErrorRate: 0.025, systemErrorRate: 0.005, medianMs: 190 },
  // the 3DS2 method (browser fingerprint) call that precedes most PSD2 sessions; cheap, rarely refused
  { name: 'psd2_fingerprint', weight: 12, psd2Only: true, userErrorRate: 0.02, systemErrorRate: 0.004, medianMs: 140 },
]

/** Operations that carry a card (fingerprint, holder name, bank validation result). */
export const CARD_OPERATIONS: readonly string[] = ['add_pi', 'edit_pi']

/** Flights (experiments): most traffic in control. */
export const FLIGHTS: readonly (readonly [string, number])[] = [
  ['control', 72],
  ['px-address-v2', 12],
  ['px-pidl-v3', 10],
  ['px-3ds-redirect', 6],
]

/** Latency multiplier per region (distance to the payment processors). */
export const REGION_LATENCY: Readonly<Record<string, number>> = {
  centralus: 1,
  eastus: 0.95,
  westus2: 1.05,
  westeurope: 1.1,
  northeurope: 1.15,
  southeastasia: 1.35,
}

/** Latency multiplier per PI type (third parties behind some of them are slower). */
export const PI_LATENCY: Readonly<Record<string, number>> = {
  citizens_one_financing: 1.7,
  paypal: 1.3,
  klarna: 1.4,
  ideal: 1.2,
  upi: 1.25,
}

/** Log-scale spread of latency (a lognormal's sigma): p95 ≈ 2.1 × median. */
export const LATENCY_SIGMA = 0.45

/** 4xx latency is shorter: validation fails before calling anyone. */
export const USER_ERROR_LATENCY = 0.45

/** Status codes within each class, with relative weights. */
export const SUCCESS_CODES: readonly (readonly [number, number])[] = [
  [200, 90],
  [201, 8],
  [204, 2],
]
export const USER_ERROR_CODES: readonly (readonly [number, number])[] = [
  [400, 45],
  [401, 4],
  [403, 4],
  [404, 10],
  [409, 5],
  [422, 27],
  [429, 5],
]
export const SYSTEM_ERROR_CODES: readonly (readonly [number, number])[] = [
  [500, 60],
  [502, 10],
  [503, 20],
  [504, 10],
]
