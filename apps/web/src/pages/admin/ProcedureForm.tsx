import { AutoComplete, Card, Checkbox, Col, Form, Input, InputNumber, Radio, Row, Select, type FormInstance } from 'antd'
import { ApplicantType, ImplementingLevel, OnlineType, ProcedureCode, ProcessingTime } from '@congso/contracts'
import { useT } from '../../i18n/index.tsx'
import { useApi } from '../../api/hooks.ts'
import type { FieldCountT } from '../../api/types.ts'
import { zodRule } from '../../lib/forms.ts'
import type { ProcedureFormValues } from './procedureFormModel.ts'
import { ComponentsList, EFormList, FeesList, LegalList, ResultsList } from './ProcedureFormLists.tsx'

export function ProcedureForm(props: {
  form: FormInstance<ProcedureFormValues>
  initialValues: Partial<ProcedureFormValues>
  codeEditable: boolean
  disabled?: boolean
  onFinish: () => void
}) {
  const t = useT()
  const fields = useApi<FieldCountT[]>('/catalog/fields')
  const unverified = props.initialValues.unverified ?? []

  return (
    <Form
      form={props.form}
      layout="vertical"
      initialValues={props.initialValues}
      onFinish={props.onFinish}
      disabled={props.disabled}

      scrollToFirstError
    >
      {unverified.length > 0 && (
        <p className="cs-muted" role="note">
          {t('ed.unverified', { list: unverified.join(', ') })}
        </p>
      )}
      <Card title={t('proc.overview')} size="small" style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="code" label={t('proc.code')} rules={[{ required: true }, zodRule(ProcedureCode)]}>
              <Input disabled={!props.codeEditable} placeholder="1.001193" data-testid="procedure-code-input" />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="field" label={t('proc.field')} rules={[{ required: true }]}>
              <AutoComplete
                options={(fields.data ?? []).map((f) => ({ value: f.field }))}
                filterOption={(input, o) => (o?.value ?? '').toLowerCase().includes(input.toLowerCase())}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="name" label={t('proc.name')} rules={[{ required: true }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} data-testid="procedure-name-input" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="levels" label={t('proc.levels')} rules={[{ required: true }]}>
              <Checkbox.Group options={ImplementingLevel.options.map((l) => ({ value: l, label: t(`level.${l}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="applicantTypes" label={t('proc.applicants')} rules={[{ required: true }]}>
              <Checkbox.Group options={ApplicantType.options.map((a) => ({ value: a, label: t(`applicant.${a}`) }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="agencyCodes" label={t('ed.agencyCodes')} extra={t('ed.agencyCodesHelp')}>
          <Select mode="tags" tokenSeparators={[',', ' ']} open={false} suffixIcon={null} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={12} md={6}>
            <Form.Item name={['processingTime', 'value']} label={t('ed.timeValue')} rules={[{ required: true }]}>
              <InputNumber min={0} max={3650} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name={['processingTime', 'unit']} label={t('ed.timeUnit')} rules={[{ required: true }]}>
              <Select options={ProcessingTime.shape.unit.options.map((u) => ({ value: u, label: t(`unit.${u}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['processingTime', 'note']} label={t('ed.timeNote')}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={16}>
            <Form.Item name="onlineType" label={t('proc.online')} rules={[{ required: true }]}>
              <Radio.Group options={OnlineType.options.map((o) => ({ value: o, label: t(`onlineLong.${o}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="legacyLevel" label={t('proc.legacy')} rules={[{ required: true }]}>
              <Select options={[1, 2, 3, 4].map((n) => ({ value: n, label: t('legacyLevel', { n }) }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="conditions" label={t('proc.conditions')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} />
        </Form.Item>
      </Card>
      <FeesList />
      <ComponentsList />
      <ResultsList />
      <LegalList />
      <EFormList />
    </Form>
  )
}
