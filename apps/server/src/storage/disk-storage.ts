import { createReadStream } from 'node:fs'
import { access, mkdir, open, rename, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { Readable } from 'node:stream'
import { assertSafeKey, type Storage } from './storage.ts'

export function diskStorage(root: string): Storage {
  const pathOf = (key: string) => {
    assertSafeKey(key)
    return join(root, key)
  }
  return {
    kind: 'disk',
    async put(key, body) {
      const target = pathOf(key)
      await mkdir(dirname(target), { recursive: true })
      // write to a temp file, fsync, then rename: a stored file is never seen half-written
      const tmp = `${target}.${process.pid}.tmp`
      const fh = await open(tmp, 'w', 0o600)
      try {
        await fh.writeFile(body)
        await fh.sync()
      } finally {
        await fh.close()
      }
      await rename(tmp, target)
    },
    async get(key): Promise<Readable | null> {
      const p = pathOf(key)
      try {
        await access(p)
      } catch {
        return null
      }
      return createReadStream(p)
    },
    async delete(key) {
      await rm(pathOf(key), { force: true })
    },
    async check() {
      await mkdir(root, { recursive: true })
      await access(root)
    },
  }
}
