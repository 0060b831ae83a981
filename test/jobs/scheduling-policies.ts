import { execFileSync } from 'node:child_process'
import { readdirSync } from 'node:fs'

/** Scheduling policy (e.g. SCHED_OTHER, SCHED_IDLE) of each thread of process `pid`, by thread id, from `chrt -p`. */
export function policies(pid: number = process.pid): Map<number, string> {
  const out = new Map<number, string>()
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      out.set(Number(tid), /policy: (\w+)/.exec(execFileSync('chrt', ['-p', tid]).toString())?.[1] ?? '?')
    } catch {
      // the thread ended meanwhile
    }
  }
  return out
}

/** Why these tests cannot run here (not Linux, no chrt), or undefined when they can. */
export const schedulingUnavailable = ((): string | undefined => {
  if (process.platform !== 'linux') return `scheduling policies are Linux-only (platform ${process.platform})`
  try {
    execFileSync('chrt', ['-p', String(process.pid)], { stdio: 'ignore' })
  } catch {
    return 'chrt (util-linux) is not installed'
  }
  try {
    // reading a policy is not enough: setting SCHED_IDLE may be denied (seccomp, an old chrt)
    execFileSync('chrt', ['--idle', '0', 'true'], { stdio: 'ignore' })
    return undefined
  } catch {
    return 'chrt cannot set SCHED_IDLE here'
  }
})()
