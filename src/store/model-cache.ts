/** A small least-recently-used map: loaded models keyed `id@version` (versions are immutable, so entries never go stale). */
export interface LruCache<V> {
  get(key: string): V | undefined
  set(key: string, value: V): void
  /** Drop every entry whose key starts with `prefix` (a deleted model). */
  deletePrefix(prefix: string): void
  readonly size: number
  keys(): string[]
}

export function createLruCache<V>(capacity: number): LruCache<V> {
  const map = new Map<string, V>()
  return {
    get(key) {
      const value = map.get(key)
      if (value !== undefined) {
        // re-insert to mark as most recently used
        map.delete(key)
        map.set(key, value)
      }
      return value
    },
    set(key, value) {
      map.delete(key)
      map.set(key, value)
      while (map.size > capacity) map.delete(map.keys().next().value as string)
    },
    deletePrefix(prefix) {
      for (const key of [...map.keys()]) if (key.startsWith(prefix)) map.delete(key)
    },
    get size() {
      return map.size
    },
    keys: () => [...map.keys()],
  }
}
