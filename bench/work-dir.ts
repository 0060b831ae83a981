/** A temporary folder for a run's binary inputs, removed afterwards, also when the run is interrupted (Ctrl-C). */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export async function withWorkDir<T>(prefix: string, run: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix))
  const remove = (): void => rmSync(dir, { recursive: true, force: true })
  // the children share the terminal's process group and get the same signal
  const onSignal = (signal: NodeJS.Signals): void => {
    remove()
    process.exit(signal === 'SIGINT' ? 130 : 143)
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  try {
    return await run(dir)
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    remove()
  }
}
