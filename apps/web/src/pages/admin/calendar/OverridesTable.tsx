import { useState } from 'react'
import { App, Button, DatePicker, Form, Input, Modal, Popconfirm, Space, Table } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import dayjs, { type Dayjs } from 'dayjs'
import { CalendarOverrideInput } from '@congso/contracts'
import { del, put } from '../../../api/client.ts'
import { useI18n } from '../../../i18n/index.tsx'
import { DATE_FORMAT, formatDate, formatDateTime, ISO_DATE } from '../../../lib/format.ts'
import { useErrorHandler, useRevalidateOnLangChange, validateWith } from '../../../lib/forms.ts'
import { CsTag } from '../../../components/Tags.tsx'
import { RadioField } from '../dossiers/RadioField.tsx'
import type { CalendarOverrideT, OverrideKindT } from './types.ts'

interface Values {
  date?: Dayjs | null
  kind?: OverrideKindT
  name?: string
}
type ModalState = { mode: 'create' } | { mode: 'edit'; override: CalendarOverrideT } | null

/** `2027-02-12` → "Thứ sáu, 12/02/2027" (weekday in the UI language). */
export function weekdayDate(iso: string): string {
  const day = dayjs(iso).format('dddd')
  return `${day.charAt(0).toUpperCase()}${day.slice(1)}, ${formatDate(iso)}`
}

/** Mounted per opening (own form store), so the fields always start from this opening's values. */
function OverrideModal({
  state,
  year,
  onClose,
  onSaved,
}: {
  state: NonNullable<ModalState>
  year: number
  onClose: () => void
  onSaved: () => void
}) {
  const { t } = useI18n()
  const { message } = App.useApp()
  const onError = useErrorHandler()
  const [form] = Form.useForm<Values>()
  const [saving, setSaving] = useState(false)
  useRevalidateOnLangChange(form)
  const editing = state.mode === 'edit' ? state.override : null

  const save = async () => {
    const v = await form.validateFields()
    const body = validateWith(CalendarOverrideInput, { date: v.date?.format(ISO_DATE), kind: v.kind, name: v.name?.trim() }, form)
    if (!body) return
    setSaving(true)
    try {
      await put(`/admin/calendar/overrides/${body.date}`, body)
      void message.success(t('officer.cal.overrideSaved'))
      onSaved()
    } catch (e) {
      onError(e, form)
    } finally {
      setSaving(false)
    }
  }

  return (
    <Modal
      open
      title={t(editing ? 'officer.cal.editOverride' : 'officer.cal.addOverride')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => void save().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          editing ? { date: dayjs(editing.date, ISO_DATE), kind: editing.kind, name: editing.name } : { kind: 'day_off', date: null }
        }
      >
        <Form.Item
          name="date"
          label={t('officer.cal.date')}
          rules={[{ required: true }]}
          extra={editing ? t('officer.cal.dateFixed') : undefined}
        >
          <DatePicker
            format={DATE_FORMAT}
            placeholder={t('officer.datePlaceholder')}
            disabled={editing !== null}
            defaultPickerValue={dayjs(new Date(year, 0, 1))}
            style={{ width: 200 }}
          />
        </Form.Item>
        <Form.Item name="kind" label={t('officer.cal.kind')} rules={[{ required: true }]}>
          <RadioField<OverrideKindT>
            label={t('officer.cal.kind')}
            options={[
              { value: 'day_off', label: t('officer.cal.override.day_off') },
              { value: 'working_day', label: t('officer.cal.override.working_day') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('officer.cal.name')}
          extra={t('officer.cal.nameHelp')}
          rules={[
            { required: true, whitespace: true, message: t('officer.cal.nameRequired') },
            { min: 3, message: t('officer.reasonMin', { n: 3 }) },
          ]}
        >
          <Input maxLength={300} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

/** The year's overrides (nghỉ bù / làm bù) from the annual notices; system admins add, edit and delete them. */
export function OverridesTable({
  overrides,
  year,
  canEdit,
  onChanged,
}: {
  overrides: CalendarOverrideT[]
  year: number
  canEdit: boolean
  onChanged: () => void
}) {
  const { t } = useI18n()
  const { message } = App.useApp()
  const onError = useErrorHandler()
  const [modal, setModal] = useState<ModalState>(null)

  const remove = async (o: CalendarOverrideT) => {
    try {
      await del(`/admin/calendar/overrides/${o.date}`)
      void message.success(t('officer.cal.overrideDeleted'))
      onChanged()
    } catch (e) {
      onError(e)
    }
  }

  return (
    <>
      {canEdit && (
        <div className="cs-toolbar">
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setModal({ mode: 'create' })}>
            {t('officer.cal.addOverride')}
          </Button>
        </div>
      )}
      <Table<CalendarOverrideT>
        rowKey="date"
        size="small"
        pagination={false}
        dataSource={overrides}
        data-testid="overrides-table"
        scroll={{ x: 800 }}
        locale={{ emptyText: t('officer.cal.noOverrides') }}
        columns={[
          { title: t('officer.cal.date'), key: 'date', width: 190, render: (_, o) => weekdayDate(o.date) },
          {
            title: t('officer.cal.kind'),
            key: 'kind',
            width: 170,
            render: (_, o) => <CsTag color={o.kind === 'day_off' ? 'orange' : 'green'}>{t(`officer.cal.override.${o.kind}`)}</CsTag>,
          },
          { title: t('officer.cal.name'), key: 'name', dataIndex: 'name' },
          {
            title: t('officer.cal.updated'),
            key: 'updated',
            width: 200,
            render: (_, o) => (
              <span className="cs-muted">
                {formatDateTime(o.updatedAt)}
                {o.updatedBy ? ` · ${o.updatedBy}` : ''}
              </span>
            ),
          },
          ...(canEdit
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 150,
                  render: (_: unknown, o: CalendarOverrideT) => (
                    <Space>
                      <Button
                        size="small"
                        onClick={() => setModal({ mode: 'edit', override: o })}
                        aria-label={t('officer.cal.editOf', { date: formatDate(o.date) })}
                      >
                        {t('common.edit')}
                      </Button>
                      <Popconfirm
                        title={t('officer.cal.deleteConfirm', { date: formatDate(o.date) })}
                        okText={t('common.delete')}
                        cancelText={t('common.cancel')}
                        okButtonProps={{ danger: true }}
                        onConfirm={() => remove(o)}
                      >
                        <Button size="small" danger aria-label={t('officer.cal.deleteOf', { date: formatDate(o.date) })}>
                          {t('common.delete')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {modal && (
        <OverrideModal
          key={modal.mode === 'edit' ? modal.override.date : 'new'}
          state={modal}
          year={year}
          onClose={() => setModal(null)}
          onSaved={() => {
            setModal(null)
            onChanged()
          }}
        />
      )}
    </>
  )
}
