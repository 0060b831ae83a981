/** Detection lag while ingesting: latest event time sent minus the latest event time the engine has processed. */
export interface LagSummary {
  readonly samples: number
  readonly maxS: number
  readonly meanS: number
  readonly maxPendingEvents: number
}

export class LagTracker {
  private samples = 0
  private sum = 0
  private max = 0
  private maxPending = 0

  /** `sentMs`: latest event time handed to ingest; `processedAt`: the monitor status's latest_event_at. */
  sample(sentMs: number, processedAt: string | null, pending: number): void {
    const processed = processedAt === null ? Number.NaN : Date.parse(processedAt)
    const lag = Number.isNaN(processed) ? 0 : Math.max(0, sentMs - processed) / 1000
    this.samples++
    this.sum += lag
    if (lag > this.max) this.max = lag
    if (pending > this.maxPending) this.maxPending = pending
  }

  summary(): LagSummary {
    return { samples: this.samples, maxS: this.max, meanS: this.samples > 0 ? this.sum / this.samples : 0, maxPendingEvents: this.maxPending }
  }
}

/** Peak resident memory of a process (VmHWM), in MB; NaN where /proc is not readable. */
export async function peakRssMb(pid: number | 'self'): Promise<number> {
  const { readFile } = await import('node:fs/promises')
  try {
    const text = await readFile(`/proc/${pid}/status`, 'utf8')
    const kb = Number(/VmHWM:\s+(\d+)/.exec(text)?.[1])
    return kb / 1024
  } catch {
    return Number.NaN
  }
}

/** CPU seconds (user + system) a process has used so far; NaN where /proc is not readable. */
export async function cpuSeconds(pid: number | 'self'): Promise<number> {
  const { readFile } = await import('node:fs/promises')
  try {
    const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? []
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 a second on Linux)
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return Number.NaN
  }
}
