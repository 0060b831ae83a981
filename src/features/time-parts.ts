/** Calendar parts of an epoch-milliseconds instant, in UTC. NaN in, NaN out. */
export function timePart(op: 'hour' | 'day_of_week' | 'month' | 'is_weekend', ms: number): number {
  if (!Number.isFinite(ms)) return NaN
  const d = new Date(ms)
  switch (op) {
    case 'hour':
      return d.getUTCHours()
    case 'month':
      return d.getUTCMonth() + 1
    case 'day_of_week':
      // Monday = 0 … Sunday = 6, as pandas' dayofweek
      return (d.getUTCDay() + 6) % 7
    case 'is_weekend':
      return (d.getUTCDay() + 6) % 7 >= 5 ? 1 : 0
  }
}
