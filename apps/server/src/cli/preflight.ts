/**
 * Runs before `npm start` builds the web app: a second start on a data directory that a running
 * server holds must refuse before it touches anything (rebuilding the web app under a running
 * server would replace the files it serves).
 */
import { loadConfig } from '../config.ts'
import { DataDirInUseError, dataDirHolder } from '../db/embedded-lock.ts'

const config = loadConfig()
if (!config.databaseUrl) {
  const pid = dataDirHolder(config.dataDir)
  if (pid !== null) {
    process.stderr.write(`\n${new DataDirInUseError(config.dataDir, pid).message}\n\n`)
    process.exit(2)
  }
}
