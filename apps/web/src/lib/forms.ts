import { useCallback } from 'react'
import { App } from 'antd'
import type { FormInstance } from 'antd'
import type { z } from 'zod'
import { ApiError, type FieldError } from '../api/client.ts'
import { useI18n } from '../i18n/index.tsx'

export type NamePath = (string | number)[]

/** `components.0.name` (or `body.components.0.name`) → `['components', 0, 'name']`. */
export function toNamePath(path: string | readonly PropertyKey[]): NamePath {
  const parts = typeof path === 'string' ? path.split(/[.[\]]+/).filter(Boolean) : path.map(String)
  if (parts[0] === 'body') parts.shift()
  return parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p))
}

function setFieldErrors<V>(form: FormInstance<V>, fields: FieldError[], prefix: NamePath = []): void {
  const byPath = new Map<string, { name: NamePath; errors: string[] }>()
  for (const f of fields) {
    const name = [...prefix, ...toNamePath(f.path)]
    const key = JSON.stringify(name)
    const entry = byPath.get(key) ?? { name, errors: [] }
    entry.errors.push(f.message)
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
        const extra = !form && err.fields.length > 0 ? `: ${err.fields.map((f) => `${f.path} — ${f.message}`).join('; ')}` : ''
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
      return res.success ? Promise.resolve() : Promise.reject(new Error(res.error.issues[0]?.message ?? ''))
    },
  }
}
