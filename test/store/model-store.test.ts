import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { StoredState, VersionRecord } from '../../src/store/model-records.js'
import { createModelStore } from '../../src/store/model-store.js'
import { sweepTemp } from '../../src/store/sweep-temp.js'

const build = (id: string) => (version: number) => ({
  record: { model_id: id, version } as unknown as VersionRecord,
  state: { format_version: 1, kind: 'isolation_forest', state_version: 1, state: {} } as unknown as StoredState,
})

describe('model store', () => {
  let root = ''
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'vigil-store-'))
  })
  afterEach(async () => rm(root, { recursive: true, force: true }))

  it('allocates distinct version numbers under concurrent writers', async () => {
    const store = await createModelStore(root)
    await store.claim('m')
    const records = await Promise.all(Array.from({ length: 12 }, () => store.createVersion('m', build('m'))))
    expect(records.map((r) => r.version).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1))
    expect(await store.listVersions('m')).toHaveLength(12)
    // no temp directories left behind
    expect((await readdir(path.join(root, 'm', 'versions'))).filter((n) => n.startsWith('.'))).toEqual([])
  })

  it('ignores a half-written version and sweeps it at start-up', async () => {
    const store = await createModelStore(root)
    await store.claim('m')
    await store.createVersion('m', build('m'))
    const half = path.join(root, 'm', 'versions', '.tmp-crashed')
    await mkdir(half)
    await writeFile(path.join(half, 'state.json'), '{"trunc')
    expect(await store.listVersions('m')).toEqual([1])
    const scratch = path.join(root, '..', `scratch-${path.basename(root)}`)
    expect(await sweepTemp(path.join(root, 'none'), root, scratch)).toBe(1)
    expect(await readdir(path.join(root, 'm', 'versions'))).toEqual(['1'])
  })

  it('keeps aliases consistent under concurrent updates', async () => {
    const store = await createModelStore(root)
    await store.claim('m')
    await store.createVersion('m', build('m'))
    await store.createVersion('m', build('m'))
    await Promise.all(['a', 'b', 'c', 'd'].map((alias, i) => store.setAlias('m', alias, (i % 2) + 1)))
    expect(await store.readAliases('m')).toEqual({ a: 1, b: 2, c: 1, d: 2 })
    expect(await store.deleteAlias('m', 'b')).toEqual({ a: 1, c: 1, d: 2 })
  })

  it('lets only one request claim a new model id', async () => {
    const store = await createModelStore(root)
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => store.claim('x')))
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const refused = results.find((r) => r.status === 'rejected')
    expect(refused?.status === 'rejected' && String(refused.reason)).toMatch(/being created by another request/)
    await store.release('x')
    await store.claim('x')
  })

  it('deletes a model in one step', async () => {
    const store = await createModelStore(root)
    await store.claim('m')
    await store.createVersion('m', build('m'))
    await store.deleteModel('m')
    expect(await store.exists('m')).toBe(false)
    expect(await store.listModels()).toEqual([])
  })
})
