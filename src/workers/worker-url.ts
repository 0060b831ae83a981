import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'

/**
 * The URL to start a pool worker from. Built code (`dist/*.js`) starts
 * `worker-main.js` directly. From source (`.ts`, under vitest or tsx) the
 * worker needs tsx's loader first: Node 20 does not honour `--import tsx` in a
 * worker's `execArgv`, so a one-line module registers tsx's hooks inside the
 * thread, then imports the entry.
 */
export function workerUrl(): URL {
  const fromSource = import.meta.url.endsWith('.ts')
  const entry = new URL(fromSource ? './worker-main.ts' : './worker-main.js', import.meta.url)
  if (!fromSource) return entry
  const code = `import { register } from ${JSON.stringify(tsxApiUrl())}; register(); await import(${JSON.stringify(entry.href)})`
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`)
}

/** tsx's ESM API module, as its package.json exports it (a data: URL module cannot resolve bare names itself). */
function tsxApiUrl(): string {
  const require = createRequire(import.meta.url)
  const manifest = require.resolve('tsx/package.json')
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }
  const target = pkg.exports['./esm/api']?.import.default
  if (target === undefined) throw new Error(`tsx at ${manifest} does not export ./esm/api; run from dist/ or install tsx 4`)
  return new URL(target, pathToFileURL(manifest)).href
}
