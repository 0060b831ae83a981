const UNITS: Record<string, number> = {
  b: 1,
  kb: 1024,
  k: 1024,
  mb: 1024 ** 2,
  m: 1024 ** 2,
  gb: 1024 ** 3,
  g: 1024 ** 3,
}

/** Parse "100MB", "512kb", "1.5GB" or a plain byte count (binary units: 1MB = 1,048,576 bytes). */
export function parseByteSize(raw: string, name: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(raw)
  const unit = UNITS[(match?.[2] ?? '').toLowerCase() || 'b']
  if (!match || unit === undefined) {
    throw new RangeError(`${name} must look like '100MB', '512KB', '1GB' or a byte count; got '${raw}'`)
  }
  const bytes = Math.floor(Number(match[1]) * unit)
  if (bytes < 1) throw new RangeError(`${name} must be at least 1 byte; got '${raw}'`)
  return bytes
}

/** 104857600 → "100 MB" for messages. */
export function formatByteSize(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${+(bytes / 1024 ** 3).toFixed(2)} GB`
  if (bytes >= 1024 ** 2) return `${+(bytes / 1024 ** 2).toFixed(2)} MB`
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(2)} KB`
  return `${bytes} bytes`
}
