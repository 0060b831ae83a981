import { readFileSync } from 'node:fs'
import path from 'node:path'
import { repoRoot } from './paths.js'

const OPEN = '<!-- findings -->'
const CLOSE = '<!-- /findings -->'

/**
 * The hand-written findings block of a generated benchmark doc
 * (`docs/<name>`), kept across reruns; a placeholder before the first run.
 */
export function keptFindings(docName: string): string {
  try {
    const old = readFileSync(path.join(repoRoot, 'docs', docName), 'utf8')
    const a = old.indexOf(OPEN)
    const b = old.indexOf(CLOSE)
    if (a >= 0 && b > a) return old.slice(a, b + CLOSE.length)
  } catch {
    // first run: no doc yet
  }
  return `${OPEN}\n(Write the analysis of the run here; the generator keeps this block.)\n${CLOSE}`
}
