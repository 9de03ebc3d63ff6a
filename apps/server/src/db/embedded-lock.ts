import { closeSync, openSync, readFileSync, unlinkSync, writeSync, fsyncSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `Thư mục dữ liệu ${dataDir} đang được tiến trình ${pid} sử dụng. Chỉ một máy chủ Congso được mở cơ sở dữ liệu nhúng; ` +
        `dừng tiến trình đó hoặc đặt DATA_DIR khác. / The data directory ${dataDir} is in use by process ${pid}; ` +
        `only one Congso server may open the embedded database.`,
    )
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The PID of a live process holding the lock on `dataDir`, or null. */
export function dataDirHolder(dataDir: string): number | null {
  let pid: number
  try {
    pid = Number(readFileSync(join(dataDir, 'congso.lock'), 'utf8').trim())
  } catch {
    return null
  }
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid) ? pid : null
}

/**
 * Guards the embedded database against a second opener (PGlite itself does not). The lock file is
 * created with O_EXCL; a lock left by a process that no longer exists (SIGKILL, power loss) is
 * taken over. Returns the release function.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true })
  const path = join(dataDir, 'congso.lock')
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600)
      writeSync(fd, `${process.pid}\n`)
      fsyncSync(fd)
      closeSync(fd)
      return () => {
        try {
          if (readFileSync(path, 'utf8').trim() === String(process.pid)) unlinkSync(path)
        } catch {
          // already gone
        }
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
      const pid = dataDirHolder(dataDir)
      if (pid !== null) throw new DataDirInUseError(dataDir, pid)
      unlinkSync(path)
    }
  }
  throw new Error(`Could not acquire ${path}`)
}
