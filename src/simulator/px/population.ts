import { deriveSeed } from '../../math/random.js'
import { NAME_COUNT } from './card-holder-names.js'

/** First octets of the public-looking IPv4 addresses (no 0, 10, 100, 127, 169, 172, 192 or multicast). */
const FIRST_OCTETS: readonly number[] = Array.from({ length: 223 }, (_, i) => i + 1).filter((a) => ![10, 100, 127, 169, 172, 192].includes(a))

/** The decimal text of every octet: addresses built by lookup, not by formatting. */
const DEC: readonly string[] = Array.from({ length: 256 }, (_, b) => String(b))
/** Character codes of the hex digits. */
const HC = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0))

/** Highest IP index: addresses are a bijection of a 24-bit index. */
export const MAX_IP_INDEX = 0xffffff

/** murmur3's 32-bit finaliser: a bijection of 32-bit integers that mixes every bit. */
export function mix32(x: number): number {
  x ^= x >>> 16
  x = Math.imul(x, 0x85ebca6b)
  x ^= x >>> 13
  x = Math.imul(x, 0xc2b2ae35)
  x ^= x >>> 16
  return x >>> 0
}

/** How many cards a card hash (see `Population.cardHash`) gives. */
export function cardsOf(h: number): number {
  const p = h & 127
  return p < 70 ? 1 : p < 109 ? 2 : 3
}

/** The holder name index a card hash gives. */
export function holderOf(h: number): number {
  return (h >>> 7) % NAME_COUNT
}

/**
 * Who calls PX, without an object per user: a user is an index, and
 * everything about them (id, home and mobile address, how many cards, whose
 * name is on them) is a hash of that index and the seed. A million users
 * cost nothing until their events are written.
 *
 * Indices below `users` are ordinary users and below `ips` ordinary
 * addresses; indices above are handed out (by the attack and heavy-user
 * planning) to entities of their own, so an attacker never shares an id or
 * an address with an ordinary user by accident. Ids and addresses are
 * bijections of the index: distinct indices never collide.
 */
export class Population {
  private readonly idSalt: number
  private readonly ipSalt: number
  private readonly octetSalt: number
  private readonly homeSalt: number
  private readonly roamSalt: number
  private readonly cardSalt: number
  private readonly nameSalt: number
  private readonly fpSalt1: number
  private readonly fpSalt2: number

  constructor(
    seed: number,
    /** Ordinary users (indices 0 … users − 1). */
    readonly users: number,
    /** Ordinary addresses (indices 0 … ips − 1). */
    readonly ips: number,
  ) {
    // salt 5 is what the user ids have always used, so ids stay the same for a seed
    this.idSalt = deriveSeed(seed, 5)
    this.ipSalt = deriveSeed(seed, 6) & MAX_IP_INDEX
    this.octetSalt = deriveSeed(seed, 7)
    this.homeSalt = deriveSeed(seed, 8)
    this.roamSalt = deriveSeed(seed, 9)
    this.cardSalt = deriveSeed(seed, 10)
    this.nameSalt = deriveSeed(seed, 11)
    this.fpSalt1 = deriveSeed(seed, 12)
    this.fpSalt2 = deriveSeed(seed, 13)
  }

  /** The address a user usually calls from (ordinary users share them: households, offices, carrier NAT). */
  homeIp(u: number): number {
    return mix32((u ^ this.homeSalt) >>> 0) % this.ips
  }

  /** The user's other address (a phone on a mobile network). */
  roamIp(u: number): number {
    return mix32((u ^ this.roamSalt) >>> 0) % this.ips
  }

  /** One hash of the user for their cards: its low 7 bits say how many, the rest whose name (see `cardCount`, `holder`). */
  cardHash(u: number): number {
    return mix32((u ^ this.cardSalt) >>> 0)
  }

  /** 1 to 3 cards: 55% one, 30% two, 15% three (70, 39 and 19 in 128). */
  cardCount(u: number): number {
    return cardsOf(this.cardHash(u))
  }

  /** Key of the user's card k (0 ≤ k < 4); card keys of different users never collide. */
  cardKey(u: number, k: number): number {
    return (u * 4 + k) >>> 0
  }

  /** The name on a user's cards (an index into the name lists). */
  holder(u: number): number {
    return holderOf(this.cardHash(u))
  }

  /** The name on a stored card of a business account (each card its own customer's). */
  holderOfCard(key: number): number {
    return mix32((key ^ this.nameSalt ^ 0x5bd1e995) >>> 0) % NAME_COUNT
  }

  /** The 32-bit value behind user u's id. */
  idBits(u: number): number {
    // multiplying by an odd constant mod 2^32 is a bijection: distinct indices give distinct ids
    return (Math.imul(u + 1, 0x9e3779b1) ^ this.idSalt) >>> 0
  }

  /** `u-3c6ef372`. */
  userId(u: number): string {
    const x = this.idBits(u)
    return String.fromCharCode(117, 45, HC[x >>> 28]!, HC[(x >>> 24) & 15]!, HC[(x >>> 20) & 15]!, HC[(x >>> 16) & 15]!, HC[(x >>> 12) & 15]!, HC[(x >>> 8) & 15]!, HC[(x >>> 4) & 15]!, HC[x & 15]!)
  }

  /** The four octets of address i, as one 32-bit number (a.b.c.d = a << 24 | …). */
  ipBits(i: number): number {
    // a bijection of the 24-bit index for the last three octets, and a hash of them for the first
    let y = Math.imul(i + 1, 0x9e3779b1) & MAX_IP_INDEX
    y ^= y >>> 12
    y = Math.imul(y, 0x2c1b3c6d) & MAX_IP_INDEX
    y ^= y >>> 11
    y ^= this.ipSalt
    const a = FIRST_OCTETS[mix32((y ^ this.octetSalt) >>> 0) % FIRST_OCTETS.length]!
    return ((a << 24) | y) >>> 0
  }

  /** `73.18.201.9`. */
  ip(i: number): string {
    const b = this.ipBits(i)
    return `${DEC[b >>> 24]!}.${DEC[(b >>> 16) & 255]!}.${DEC[(b >>> 8) & 255]!}.${DEC[b & 255]!}`
  }

  /** The two 32-bit halves of card `key`'s fingerprint (the first alone is a bijection of the key). */
  fingerprintHigh(key: number): number {
    return mix32((key ^ this.fpSalt1) >>> 0)
  }

  fingerprintLow(key: number): number {
    return mix32((key + this.fpSalt2) >>> 0)
  }

  /** `fp-9f86d081884c7d65`: an opaque token standing for the card (as a vault's fingerprint does), never a card number. */
  fingerprint(key: number): string {
    const a = this.fingerprintHigh(key)
    const b = this.fingerprintLow(key)
    // prettier-ignore
    return String.fromCharCode(
      102, 112, 45,
      HC[a >>> 28]!, HC[(a >>> 24) & 15]!, HC[(a >>> 20) & 15]!, HC[(a >>> 16) & 15]!, HC[(a >>> 12) & 15]!, HC[(a >>> 8) & 15]!, HC[(a >>> 4) & 15]!, HC[a & 15]!,
      HC[b >>> 28]!, HC[(b >>> 24) & 15]!, HC[(b >>> 20) & 15]!, HC[(b >>> 16) & 15]!, HC[(b >>> 12) & 15]!, HC[(b >>> 8) & 15]!, HC[(b >>> 4) & 15]!, HC[b & 15]!,
    )
  }
}
