import { closeSync, fsyncSync, openSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

/**
 * PGlite runs PostgreSQL with fsync=off: commits reach the kernel (they survive a process crash)
 * but not necessarily the disk. After a CHECKPOINT we flush every file of the data directory so a
 * clean shutdown, and each periodic checkpoint, is durable against power loss too.
 */
export function fsyncTree(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name)
    if (entry.isDirectory()) fsyncTree(p)
    else if (entry.isFile()) fsyncPath(p, 'r')
  }
  fsyncPath(dir, 'r')
}

function fsyncPath(path: string, flags: string) {
  let fd: number | undefined
  try {
    fd = openSync(path, flags)
    fsyncSync(fd)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}
