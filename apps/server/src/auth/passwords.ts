import { hash, verify } from '@node-rs/argon2'

// argon2id (the library default algorithm, 2) with the OWASP 2024 minimum: m=19 MiB, t=2, p=1.
const OPTIONS = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 }

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS)
}

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) return false
  try {
    return await verify(stored, password)
  } catch {
    return false
  }
}

/** Used when the account does not exist, so a miss costs the same time as a wrong password. */
export const DUMMY_HASH = await hashPassword('not-a-real-password-0')
