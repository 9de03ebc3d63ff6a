import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../config.ts'

describe('mail and SMS configuration', () => {
  it('defaults to the outbox, the default sender and the log SMS provider', () => {
    const c = loadConfig({})
    expect(c.mail).toEqual({ smtpUrl: null, from: 'Congso <no-reply@congso.local>' })
    expect(c.sms).toEqual({ provider: 'log' })
    expect(loadConfig({ SMTP_URL: '', MAIL_FROM: '', SMS_PROVIDER: '' }).mail.smtpUrl).toBeNull()
  })

  it('reads SMTP_URL, MAIL_FROM and SMS_PROVIDER', () => {
    const c = loadConfig({
      SMTP_URL: 'smtps://user:secret@mail.example.gov.vn:465',
      MAIL_FROM: 'Sở Tư pháp <stp@example.gov.vn>',
      SMS_PROVIDER: 'log',
    })
    expect(c.mail).toEqual({ smtpUrl: 'smtps://user:secret@mail.example.gov.vn:465', from: 'Sở Tư pháp <stp@example.gov.vn>' })
    expect(c.sms.provider).toBe('log')
  })

  it('refuses an unknown SMS provider', () => {
    expect(() => loadConfig({ SMS_PROVIDER: 'viettel' })).toThrow('SMS_PROVIDER: unknown provider "viettel" (available: log)')
  })

  it('refuses an SMTP_URL that is not an smtp(s) URL, without echoing it', () => {
    expect(() => loadConfig({ SMTP_URL: 'mail.example.gov.vn' })).toThrow(/^SMTP_URL: not a valid URL/)
    const err = (() => {
      try {
        loadConfig({ SMTP_URL: 'https://user:secret@mail.example.gov.vn' })
      } catch (e) {
        return e as Error
      }
    })()
    expect(err?.message).toMatch(/^SMTP_URL: unsupported scheme "https:"/)
    expect(err?.message).not.toContain('secret')
  })
})
