import { useCallback, useEffect, useRef } from 'react'
import { App } from 'antd'
import type { FormInstance } from 'antd'
import type { z } from 'zod'
import { ApiError, type FieldError } from '../api/client.ts'
import { getLang, translate, useI18n, type MessageKey } from '../i18n/index.tsx'

export type NamePath = (string | number)[]

/**
 * The custom messages of the `@congso/contracts` schemas are Vietnamese only (the server uses them
 * too); in the English UI they are swapped for the catalog's translation when one is known.
 */
const contractMessages: Record<string, MessageKey> = {
  'Mật khẩu phải có ít nhất 10 ký tự': 'contract.passwordMin',
  'Mật khẩu phải có cả chữ và số': 'contract.passwordMix',
  'Mã xác thực gồm 6 chữ số': 'contract.totpCode',
  'Số CCCD/định danh cá nhân phải gồm 12 chữ số hợp lệ': 'contract.citizenId',
  'Số điện thoại không hợp lệ': 'contract.phone',
  'Tên đăng nhập chỉ gồm chữ thường không dấu, số, dấu chấm, gạch': 'contract.username',
  'Mã định danh không đúng định dạng QCVN 102:2016 (ví dụ 000.00.01.H22)': 'contract.agencyCode',
  'Mã thủ tục không đúng định dạng (ví dụ 1.001193 hoặc 1.001193.H38)': 'contract.procedureCode',
  'Mã số thuế gồm 10 chữ số (hoặc 10-3 với chi nhánh)': 'contract.taxCode',
}

/** A schema or server field message in the current UI language (unknown messages pass through). */
export function localizeMessage(msg: string): string {
  const key = contractMessages[msg]
  return key ? translate(getLang(), key) : msg
}

/** `components.0.name` (or `body.components.0.name`) → `['components', 0, 'name']`. */
export function toNamePath(path: string | readonly PropertyKey[]): NamePath {
  const parts = typeof path === 'string' ? path.split(/[.[\]]+/).filter(Boolean) : path.map(String)
  if (parts[0] === 'body') parts.shift()
  return parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p))
}

export function setFieldErrors<V>(form: FormInstance<V>, fields: FieldError[], prefix: NamePath = []): void {
  const byPath = new Map<string, { name: NamePath; errors: string[] }>()
  for (const f of fields) {
    const name = [...prefix, ...toNamePath(f.path)]
    const key = JSON.stringify(name)
    const entry = byPath.get(key) ?? { name, errors: [] }
    entry.errors.push(localizeMessage(f.message))
    byPath.set(key, entry)
  }
  form.setFields([...byPath.values()].map((e) => ({ name: e.name as never, errors: e.errors })))
}

/**
 * Validates `values` with a contracts zod schema; on failure marks the form fields and returns null.
 * `prefix` is prepended to zod paths when the form nests the schema's object under a name.
 */
export function validateWith<S extends z.ZodType, V>(
  schema: S,
  values: unknown,
  form: FormInstance<V>,
  prefix: NamePath = [],
): z.output<S> | null {
  const res = schema.safeParse(values)
  if (res.success) return res.data
  setFieldErrors(
    form,
    res.error.issues.map((i) => ({ path: toNamePath(i.path).join('.'), message: i.message })),
    prefix,
  )
  return null
}

/** Returns a handler that shows an API error in the current language and maps field errors onto `form`. */
export function useErrorHandler() {
  const { message } = App.useApp()
  const { t } = useI18n()
  return useCallback(
    <V>(err: unknown, form?: FormInstance<V>) => {
      if (err instanceof DOMException && err.name === 'AbortError') return
      if (err instanceof ApiError) {
        if (form && err.fields.length > 0) setFieldErrors(form, err.fields)
        const extra =
          !form && err.fields.length > 0 ? `: ${err.fields.map((f) => `${f.path} — ${localizeMessage(f.message)}`).join('; ')}` : ''
        void message.error(err.localized + extra)
        return
      }
      void message.error(t('common.error'))
    },
    [message, t],
  )
}

/** An antd Form rule that checks a single value with a contracts zod schema (empty values pass). */
export function zodRule(schema: z.ZodType) {
  return {
    validator: (_: unknown, value: unknown) => {
      if (value === undefined || value === null || value === '') return Promise.resolve()
      const res = schema.safeParse(value)
      return res.success ? Promise.resolve() : Promise.reject(new Error(localizeMessage(res.error.issues[0]?.message ?? '')))
    },
  }
}

/**
 * Re-runs the rules of the fields currently showing an error when the UI language changes, so their
 * messages follow the language (errors set from a server answer are cleared instead).
 */
export function useRevalidateOnLangChange<V>(form: FormInstance<V>): void {
  const { lang } = useI18n()
  const first = useRef(true)
  useEffect(() => {
    if (first.current) {
      first.current = false
      return
    }
    const names = form
      .getFieldsError()
      .filter((f) => f.errors.length > 0)
      .map((f) => f.name)
    if (names.length === 0) return
    form.setFields(names.map((name) => ({ name: name as never, errors: [] })))
    form.validateFields(names as never).catch(() => undefined)
  }, [lang, form])
}
