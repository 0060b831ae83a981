/** Slots per bucket: an entity lives in one bucket of 8 (set-associative, like a CPU cache), so lookup and eviction stay local. */
export const SLOTS_PER_BUCKET = 8
/** Counters per detector per entity: recent suspect, recent requests, long-run suspect, long-run requests. */
export const COUNTERS = 4
/** Recent cards remembered per entity (16-bit hashes), to tell a new card from a retried one. */
export const CARD_SLOTS = 4
/** Flag bit of an entity whose per-minute series is kept (evidence); bits below it mark alarms per detector. */
export const WATCHED = 0x8000
/** Most detectors one table follows (one alarm bit each). */
export const MAX_TABLE_DETECTORS = 15

const INITIAL_SLOTS = 4096
/** The table doubles when this share of its slots is used (until max_entities). */
const GROW_AT = 0.75
/** ... or when a new entity finds its bucket full and this share of the slots is used. */
const GROW_IF_FULL = 0.5

/**
 * Bounded state of millions of entities in typed arrays (about 94 bytes an
 * entity with three detectors and two partner fields): keyed by 64 bits of the entity's keyed hash,
 * no string kept. Each entity has decaying counts per detector (recent and
 * long-run), first and last request times (seconds) and its last few cards.
 * It grows by doubling up to `maxEntities`; past that, a new entity takes the
 * slot of the stalest entity in its bucket that is not alarmed or watched.
 *
 * Per other entity field ("partner" field, e.g. the users behind an IP) an
 * entity also keeps one heavy-hitter slot over its suspect requests: the low
 * 32 bits of the partner entity that sent most of them and a decaying count
 * (a one-slot Misra-Gries counter: +1 for the kept partner, −1 for another,
 * replaced at 0). When most of an alarming IP's suspect requests came from one
 * user, that count is close to the IP's recent suspect count, which is how the
 * engine folds it into that user's incident (8 bytes per partner field).
 */
export class EntityTable {
  keyHi!: Uint32Array
  keyLo!: Uint32Array
  /** Seconds since the engine's time base; 0 = empty slot. */
  lastSeen!: Uint32Array
  firstSeen!: Uint32Array
  /** Requests since first seen (how many it took to detect an entity). */
  requests!: Uint32Array
  counters!: Float32Array
  cards!: Uint16Array
  flags!: Uint16Array
  /** Per partner field: low 32 bits of the dominant partner entity, and its decaying Misra-Gries count (0 = none). */
  partnerKey!: Uint32Array
  partnerCount!: Float32Array
  count = 0
  evictions = 0
  private mask = 0
  /** Called before an entity with flags set loses its slot (the engine drops its watch and alarm records). */
  onEvict: ((hi: number, lo: number, flags: number) => void) | undefined

  constructor(
    readonly detectors: number,
    readonly trackCards: boolean,
    readonly maxEntities: number,
    readonly partners = 0,
  ) {
    if (detectors < 1 || detectors > MAX_TABLE_DETECTORS) throw new RangeError(`an entity table follows 1 to ${MAX_TABLE_DETECTORS} detectors; got ${detectors}`)
    this.allocate(Math.min(INITIAL_SLOTS, floorPow2(maxEntities)))
  }

  /** Empty columns for `slots` entities (the constructor, and `grow` before it moves the entries over). */
  private allocate(slots: number): void {
    this.mask = slots / SLOTS_PER_BUCKET - 1
    this.keyHi = new Uint32Array(slots)
    this.keyLo = new Uint32Array(slots)
    this.lastSeen = new Uint32Array(slots)
    this.firstSeen = new Uint32Array(slots)
    this.requests = new Uint32Array(slots)
    this.counters = new Float32Array(slots * this.detectors * COUNTERS)
    this.cards = new Uint16Array(this.trackCards ? slots * CARD_SLOTS : 0)
    this.flags = new Uint16Array(slots)
    this.partnerKey = new Uint32Array(slots * this.partners)
    this.partnerCount = new Float32Array(slots * this.partners)
    this.count = 0
  }

  get slots(): number {
    return this.keyHi.length
  }

  get bytes(): number {
    return this.keyHi.byteLength + this.keyLo.byteLength + this.lastSeen.byteLength + this.firstSeen.byteLength + this.requests.byteLength + this.counters.byteLength + this.cards.byteLength + this.flags.byteLength + this.partnerKey.byteLength + this.partnerCount.byteLength
  }

  /** The entity's slot, or -1. */
  find(hi: number, lo: number): number {
    const start = (lo & this.mask) * SLOTS_PER_BUCKET
    for (let s = start; s < start + SLOTS_PER_BUCKET; s++) {
      if (this.keyLo[s] === lo && this.keyHi[s] === hi && this.lastSeen[s] !== 0) return s
    }
    return -1
  }

  /** The slot of the entity whose key ends in these 32 bits (a partner reference), or -1; two entities of one bucket sharing them are a 1-in-2^32 chance. */
  findLow(lo: number): number {
    const start = (lo & this.mask) * SLOTS_PER_BUCKET
    for (let s = start; s < start + SLOTS_PER_BUCKET; s++) if (this.keyLo[s] === lo && this.lastSeen[s] !== 0) return s
    return -1
  }

  /**
   * The entity's slot (a new or evicted one when it was not kept), with its
   * counters decayed to `now`: recent ones by `decayRecent` per second,
   * long-run ones by `decayLong` (rates, e.g. ln 2 / half-life).
   */
  touch(hi: number, lo: number, now: number, decayRecent: number, decayLong: number): number {
    let slot = this.find(hi, lo)
    if (slot < 0) {
      const canGrow = this.slots * 2 <= floorPow2(this.maxEntities)
      // grow when the table is well filled, or when this bucket is full and the table half: eviction is for the cap only
      if (canGrow && (this.count >= this.slots * GROW_AT || (this.count >= this.slots * GROW_IF_FULL && this.bucketFull(lo)))) this.grow()
      slot = this.claim(lo)
      this.keyHi[slot] = hi
      this.keyLo[slot] = lo
      this.lastSeen[slot] = now
      this.firstSeen[slot] = now
      return slot
    }
    const dt = now - (this.lastSeen[slot] as number)
    if (dt > 0) {
      const recent = Math.exp(-dt * decayRecent)
      const long = Math.exp(-dt * decayLong)
      const c = this.counters
      for (let i = slot * this.detectors * COUNTERS, end = i + this.detectors * COUNTERS; i < end; i += COUNTERS) {
        c[i] = (c[i] as number) * recent
        c[i + 1] = (c[i + 1] as number) * recent
        c[i + 2] = (c[i + 2] as number) * long
        c[i + 3] = (c[i + 3] as number) * long
      }
      // partner counts forget like the recent counts they are compared with
      const pc = this.partnerCount
      for (let i = slot * this.partners, end = i + this.partners; i < end; i++) pc[i] = (pc[i] as number) * recent
      this.lastSeen[slot] = now
    }
    return slot
  }

  /** Remember a card (16-bit hash) for the entity; true when it was not among its last few. */
  noteCard(slot: number, hash: number): boolean {
    const base = slot * CARD_SLOTS
    const cards = this.cards
    // 0 marks an empty place, so a hash of 0 is stored as 1
    const h = hash === 0 ? 1 : hash
    for (let i = base; i < base + CARD_SLOTS; i++) if (cards[i] === h) return false
    cards.copyWithin(base + 1, base, base + CARD_SLOTS - 1)
    cards[base] = h
    return true
  }

  /** Count a suspect request of the entity sent with partner `lo` in partner field `p` (one-slot Misra-Gries). */
  notePartner(slot: number, p: number, lo: number): void {
    const i = slot * this.partners + p
    const count = this.partnerCount[i] as number
    if (this.partnerKey[i] === lo && count > 0) this.partnerCount[i] = count + 1
    else if (count > 1) this.partnerCount[i] = count - 1
    else {
      this.partnerKey[i] = lo
      this.partnerCount[i] = 1
    }
  }

  /** The dominant partner's count in partner field `p` (a lower bound of its suspect requests beyond all others'). */
  partnerWeight(slot: number, p: number): number {
    return this.partnerCount[slot * this.partners + p] as number
  }

  /** Forget an entity (retention, erasure). */
  erase(slot: number): void {
    this.lastSeen[slot] = 0
    this.firstSeen[slot] = 0
    this.requests[slot] = 0
    this.keyHi[slot] = 0
    this.keyLo[slot] = 0
    this.flags[slot] = 0
    this.counters.fill(0, slot * this.detectors * COUNTERS, (slot + 1) * this.detectors * COUNTERS)
    if (this.trackCards) this.cards.fill(0, slot * CARD_SLOTS, (slot + 1) * CARD_SLOTS)
    this.partnerKey.fill(0, slot * this.partners, (slot + 1) * this.partners)
    this.partnerCount.fill(0, slot * this.partners, (slot + 1) * this.partners)
    this.count--
  }

  private bucketFull(lo: number): boolean {
    const start = (lo & this.mask) * SLOTS_PER_BUCKET
    for (let s = start; s < start + SLOTS_PER_BUCKET; s++) if (this.lastSeen[s] === 0) return false
    return true
  }

  private claim(lo: number): number {
    const start = (lo & this.mask) * SLOTS_PER_BUCKET
    let victim = -1
    let victimFlagged = true
    for (let s = start; s < start + SLOTS_PER_BUCKET; s++) {
      if (this.lastSeen[s] === 0) {
        this.count++
        return s
      }
      // the stalest entity that is neither alarmed nor watched; if all are, the stalest of all
      const flagged = this.flags[s] !== 0
      if (victim < 0 || (victimFlagged && !flagged) || (flagged === victimFlagged && (this.lastSeen[s] as number) < (this.lastSeen[victim] as number))) {
        victim = s
        victimFlagged = flagged
      }
    }
    const flags = this.flags[victim] as number
    if (flags !== 0) this.onEvict?.(this.keyHi[victim] as number, this.keyLo[victim] as number, flags)
    this.evictions++
    this.erase(victim)
    this.count++
    return victim
  }

  private grow(): void {
    const old = { keyHi: this.keyHi, keyLo: this.keyLo, lastSeen: this.lastSeen, firstSeen: this.firstSeen, requests: this.requests, counters: this.counters, cards: this.cards, flags: this.flags, partnerKey: this.partnerKey, partnerCount: this.partnerCount }
    const width = this.detectors * COUNTERS
    this.allocate(this.slots * 2)
    // a doubled bucket count splits each old bucket in two: the entries always fit
    for (let s = 0; s < old.keyHi.length; s++) {
      if (old.lastSeen[s] === 0) continue
      const lo = old.keyLo[s] as number
      const slot = this.claim(lo)
      this.keyHi[slot] = old.keyHi[s] as number
      this.keyLo[slot] = lo
      this.lastSeen[slot] = old.lastSeen[s] as number
      this.firstSeen[slot] = old.firstSeen[s] as number
      this.requests[slot] = old.requests[s] as number
      this.flags[slot] = old.flags[s] as number
      this.counters.set(old.counters.subarray(s * width, (s + 1) * width), slot * width)
      if (this.trackCards) this.cards.set(old.cards.subarray(s * CARD_SLOTS, (s + 1) * CARD_SLOTS), slot * CARD_SLOTS)
      const p = this.partners
      if (p > 0) {
        this.partnerKey.set(old.partnerKey.subarray(s * p, (s + 1) * p), slot * p)
        this.partnerCount.set(old.partnerCount.subarray(s * p, (s + 1) * p), slot * p)
      }
    }
  }
}

function floorPow2(n: number): number {
  let p = SLOTS_PER_BUCKET
  while (p * 2 <= n) p *= 2
  return p
}
