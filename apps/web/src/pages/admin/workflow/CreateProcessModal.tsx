import { useEffect, useState } from 'react'
import { Alert, App, Form, Modal, Select, Typography } from 'antd'
import { useNavigate } from 'react-router-dom'
import type { ProcessList } from '@congso/contracts'
import { get } from '../../../api/client.ts'
import type { ProcedureDetail } from '../../../api/types.ts'
import { useAuth } from '../../../auth/AuthContext.tsx'
import { useT } from '../../../i18n/index.tsx'
import { useErrorHandler } from '../../../lib/forms.ts'
import { ProcedureSelect } from '../dossiers/ProcedureSelect.tsx'
import type { AgencyIndex } from './useAgencies.ts'

interface Values {
  procedureCode?: string
  agencyId?: string
}

/**
 * "Tạo quy trình": a procedure and one of the agencies (within the admin's remit) that implement
 * it. Opens the existing draft when there is one, a revision of the version in force when there
 * is one, else the editor with the starter process.
 */
export function CreateProcessModal({ open, onClose, agencies }: { open: boolean; onClose: () => void; agencies: AgencyIndex | null }) {
  const t = useT()
  const { message } = App.useApp()
  const onError = useErrorHandler()
  const navigate = useNavigate()
  const { me } = useAuth()
  const [form] = Form.useForm<Values>()
  const procedureCode = Form.useWatch('procedureCode', form)
  const [options, setOptions] = useState<{ value: string; label: string }[] | null>(null)
  const [busy, setBusy] = useState(false)

  // The implementing agencies of the chosen procedure, as the catalog lists them, that the admin looks after.
  useEffect(() => {
    setOptions(null)
    form.setFieldValue('agencyId', undefined)
    if (!procedureCode || !agencies) return
    let live = true
    const inScope = new Set(agencies.inScope(me).map((a) => a.id))
    get<ProcedureDetail>(`/procedures/${encodeURIComponent(procedureCode)}`)
      .then((d) => {
        if (!live) return
        const list = d.agencies
          .map((a) => agencies.byCode.get(a.code))
          .filter((a) => a !== undefined && inScope.has(a.id))
          .map((a) => ({ value: a!.id, label: a!.name }))
        setOptions(list)
        if (list.length === 1) form.setFieldValue('agencyId', list[0]!.value)
      })
      .catch(() => live && setOptions([]))
    return () => {
      live = false
    }
  }, [procedureCode, agencies, me, form])

  const submit = async (v: Values) => {
    if (!v.procedureCode || !v.agencyId) return
    setBusy(true)
    try {
      const existing = await get<ProcessList>('/admin/processes', { procedureCode: v.procedureCode, agencyId: v.agencyId, pageSize: 50 })
      const draft = existing.items.find((p) => p.status === 'draft')
      const current = existing.items.find((p) => p.status === 'published')
      if (draft) {
        void message.info(t('wf.create.draftExists'))
        void navigate(`/quan-tri/quy-trinh/${draft.id}`)
        return
      }
      const q = new URLSearchParams({ procedureCode: v.procedureCode, agencyId: v.agencyId })
      if (current) q.set('from', current.id)
      void navigate(`/quan-tri/quy-trinh/moi?${q.toString()}`)
    } catch (e) {
      onError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal
      open={open}
      title={t('wf.create.title')}
      okText={t('wf.create.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('wf.create.intro')}</Typography.Paragraph>
      <Form<Values> form={form} name="create-process" layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
        <Form.Item name="procedureCode" label={t('wf.create.procedure')} rules={[{ required: true }]}>
          <ProcedureSelect />
        </Form.Item>
        {/* A validator rather than `required`: antd puts aria-required on the select's wrapper, where it is not allowed. */}
        <Form.Item
          name="agencyId"
          label={t('wf.create.agency')}
          extra={t('wf.create.agencyHint')}
          rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(t('wf.create.agencyRequired')))) }]}
        >
          <Select
            options={options ?? []}
            notFoundContent={procedureCode ? undefined : t('wf.create.pickProcedure')}
            loading={!!procedureCode && options === null}
            showSearch
            optionFilterProp="label"
          />
        </Form.Item>
        {options?.length === 0 && <Alert type="warning" showIcon message={t('wf.create.noAgency')} />}
      </Form>
    </Modal>
  )
}
