const CANDIDATES = [',', '\t', ';', '|'] as const

/**
 * The delimiter of a CSV file, decided from its header line: the candidate
 * occurring most often outside quotes (ties go to the earlier candidate;
 * `.tsv` files prefer tab). Fixing it before DuckDB reads the file makes a
 * ragged row an error instead of letting the sniffer fall back to a single
 * column. Returns undefined for a one-column file.
 */
export function sniffDelimiter(head: Uint8Array, filename: string): string | undefined {
  const text = Buffer.from(head).toString('utf8')
  const firstLine = text.split(/\r?\n/, 1)[0] ?? ''
  const counts = new Map<string, number>(CANDIDATES.map((c) => [c, 0]))
  let quoted = false
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1)
  }
  if (filename.toLowerCase().endsWith('.tsv') && (counts.get('\t') ?? 0) > 0) return '\t'
  let best: string | undefined
  let bestCount = 0
  for (const [c, n] of counts) {
    if (n > bestCount) {
      best = c
      bestCount = n
    }
  }
  return best
}
