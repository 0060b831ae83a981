// @ts-check
/**
 * `npm start`'s first step: compile the TypeScript sources into dist/ only
 * when they changed since the last build, and say what it is doing.
 *
 * Plain JavaScript on purpose: it runs before anything is compiled, and in
 * an image pruned of dev dependencies (where it finds dist/ current and
 * compiles nothing). "Changed" is decided by content, not timestamps (a git
 * checkout or a copy rewrites those): a SHA-256 over every file under src/,
 * the TypeScript configuration and the lockfile, kept in dist/.build-hash
 * and written only after tsc succeeded.
 */
import { createHash } from 'node:crypto'
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const stampFile = path.join(root, 'dist', '.build-hash')
const inputs = ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json']

/** @param {string} dir @returns {string[]} */
function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort()
}

const hash = createHash('sha256')
for (const file of [...inputs.filter((f) => existsSync(path.join(root, f))), ...filesUnder(path.join(root, 'src'))]) {
  hash.update(file).update('\0').update(readFileSync(path.join(root, file))).update('\0')
}
const digest = hash.digest('hex')
const built = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : ''

if (built === digest && existsSync(path.join(root, 'dist', 'server.js'))) {
  console.log('vigil: dist/ is up to date with src/; starting')
  process.exit(0)
}

const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc')
if (!existsSync(tsc)) {
  console.error('vigil: src/ changed since dist/ was built, and TypeScript is not installed (run `npm ci`, then `npm start`)')
  process.exit(1)
}
console.log(built === '' ? 'vigil: first start: compiling TypeScript into dist/ (once; about half a minute)' : 'vigil: src/ changed since the last build: compiling TypeScript into dist/')
const started = Date.now()
const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root })
if (result.status !== 0) {
  console.error('vigil: the TypeScript build failed (see above); nothing was started')
  process.exit(result.status ?? 1)
}
writeFileSync(stampFile, `${digest}\n`)
console.log(`vigil: compiled in ${((Date.now() - started) / 1000).toFixed(1)} s; starting`)
