import { useState } from 'react'
import { App, Button, Form, Input, Modal } from 'antd'
import { ApiError, post } from '../../../api/client.ts'
import { useI18n } from '../../../i18n/index.tsx'
import { useErrorHandler } from '../../../lib/forms.ts'
import type { DossierDetailT, WithdrawBody } from '../../../components/dossier/types.ts'

/** "Rút hồ sơ": a confirm dialog with a required reason. */
export function WithdrawAction({ dossier, onChanged }: { dossier: DossierDetailT; onChanged: () => void }) {
  const { t } = useI18n()
  const { message } = App.useApp()
  const onError = useErrorHandler()
  const [open, setOpen] = useState(false)
  const [busy, setBusy] = useState(false)
  const [form] = Form.useForm<{ reason: string }>()

  const submit = async ({ reason }: { reason: string }) => {
    const body: WithdrawBody = { version: dossier.version, reason: reason.trim() }
    setBusy(true)
    try {
      await post(`/dossiers/${encodeURIComponent(dossier.code)}/withdraw`, body)
      void message.success(t('portal.withdraw.done'))
      setOpen(false)
      onChanged()
    } catch (e) {
      if (e instanceof ApiError && e.code === 'DOSSIER_VERSION_CONFLICT') {
        void message.warning({ content: t('portal.conflict'), duration: 8 })
        setOpen(false)
        onChanged()
      } else {
        onError(e, form)
      }
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <Button danger onClick={() => setOpen(true)} data-testid="withdraw">
        {t('portal.withdraw.button')}
      </Button>
      <Modal
        open={open}
        title={t('portal.withdraw.title', { code: dossier.code })}
        okText={t('portal.withdraw.confirm')}
        okButtonProps={{ danger: true, loading: busy }}
        cancelText={t('common.cancel')}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <p>{t('portal.withdraw.text')}</p>
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} preserve={false}>
          <Form.Item
            name="reason"
            label={t('portal.withdraw.reason')}
            rules={[
              { required: true, whitespace: true, message: t('portal.withdraw.reasonRequired') },
              { min: 3, message: t('portal.withdraw.reasonMin') },
            ]}
          >
            <Input.TextArea rows={3} maxLength={2000} autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </>
  )
}
