/** Most related entities one incident keeps and lists (the largest by suspect requests). */
export const MAX_RELATED = 20

/** An entity folded into another's incident: it alarmed too, but most of its suspect requests came from the incident's entity. */
export interface RelatedEntity {
  /** The entity field (user_id, ip, card_holder_name). */
  readonly field: string
  /** Its pseudonym (or raw value for a field that is not personal). */
  readonly entity: string
  /** Its suspect requests: its recent (decayed) count when it was folded in, plus every one since. */
  suspect_requests: number
}

/**
 * The other ids of one attack, grouped under the incident of the entity that
 * explains most of its suspect requests (a user's proxy addresses, an
 * address's throwaway accounts, a card-holder name's addresses). Bounded: past
 * MAX_RELATED, a newcomer replaces the smallest entry if it is larger; `total`
 * still counts every entity ever folded in.
 */
export class RelatedEntities {
  private readonly byKey = new Map<string, RelatedEntity>()
  total = 0

  /** Fold an entity in (again while listed: its count is kept, not counted twice). */
  add(key: string, field: string, entity: string, suspect: number): void {
    if (this.byKey.has(key)) return
    this.total++
    if (this.byKey.size >= MAX_RELATED) {
      let smallest: string | undefined
      for (const [k, r] of this.byKey) if (smallest === undefined || r.suspect_requests < (this.byKey.get(smallest) as RelatedEntity).suspect_requests) smallest = k
      if (smallest === undefined || (this.byKey.get(smallest) as RelatedEntity).suspect_requests >= suspect) return
      this.byKey.delete(smallest)
    }
    this.byKey.set(key, { field, entity, suspect_requests: suspect })
  }

  /** One more suspect request of a folded entity (nothing when it is not listed). */
  bump(key: string): void {
    const r = this.byKey.get(key)
    if (r !== undefined) r.suspect_requests++
  }

  /** Forget an entity (erasure): later updates of the incident no longer name it. */
  delete(key: string): void {
    this.byKey.delete(key)
  }

  /** Largest first, as the evidence shows them. */
  list(): RelatedEntity[] {
    return [...this.byKey.values()].map((r) => ({ ...r })).sort((a, b) => b.suspect_requests - a.suspect_requests || a.entity.localeCompare(b.entity))
  }
}
