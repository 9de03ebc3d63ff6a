import { useEffect, useRef, useState } from 'react'
import { Select } from 'antd'
import { get } from '../../../api/client.ts'
import type { Paged, ProcedureSummaryT } from '../../../api/types.ts'
import { useI18n } from '../../../i18n/index.tsx'

interface Props {
  id?: string
  value?: string
  onChange?: (code: string | undefined) => void
  /** Shown for the current value before a search has returned it (e.g. a code from the address bar). */
  currentName?: string
}

/** A searchable pick of a published procedure, through the catalog search (`GET /procedures?q=`, accent-insensitive). */
export function ProcedureSelect({ id, value, onChange, currentName }: Props) {
  const { t } = useI18n()
  const [options, setOptions] = useState<ProcedureSummaryT[]>([])
  const [loading, setLoading] = useState(false)
  const [q, setQ] = useState('')
  const seq = useRef(0)

  useEffect(() => {
    const mine = ++seq.current
    const timer = setTimeout(() => {
      setLoading(true)
      get<Paged<ProcedureSummaryT>>('/procedures', { q: q.trim(), pageSize: 20 })
        .then((r) => {
          if (mine === seq.current) setOptions(r.items)
        })
        .catch(() => {
          if (mine === seq.current) setOptions([])
        })
        .finally(() => {
          if (mine === seq.current) setLoading(false)
        })
    }, 250)
    return () => clearTimeout(timer)
  }, [q])

  const list = options.map((p) => ({ value: p.code, label: `${p.code} — ${p.name}` }))
  if (value && !list.some((o) => o.value === value)) list.unshift({ value, label: currentName ? `${value} — ${currentName}` : value })

  return (
    <Select
      id={id}
      showSearch
      allowClear
      value={value}
      filterOption={false}
      onSearch={setQ}
      onChange={(v: string | undefined) => onChange?.(v)}
      loading={loading}
      options={list}
      placeholder={t('officer.intake.procedurePlaceholder')}
      notFoundContent={loading ? t('officer.intake.searching') : t('officer.intake.noProcedure')}
      style={{ width: '100%' }}
      popupMatchSelectWidth
    />
  )
}
