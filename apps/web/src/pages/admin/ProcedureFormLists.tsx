import type { ReactNode } from 'react'
import { Button, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd'
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { Component, EFormField } from '@congso/contracts'
import { useT } from '../../i18n/index.tsx'
import { DATE_FORMAT } from '../../lib/format.ts'
import { TemplateFileInput } from './TemplateFileInput.tsx'

/** A titled Form.List: one bordered row per item with a labelled remove button, and an add button. */
function ListSection(props: {
  name: string | (string | number)[]
  title: string
  addLabel: string
  newItem: () => unknown
  row: (name: number) => ReactNode
}) {
  const t = useT()
  return (
    <Card title={props.title} size="small" style={{ marginBottom: 16 }}>
      <Form.List name={props.name}>
        {(items, { add, remove }, { errors }) => (
          <>
            {items.map((item, i) => (
              <div key={item.key} style={{ display: 'flex', gap: 8, borderBottom: '1px solid #eee', marginBottom: 12 }}>
                <div style={{ flex: 1, minWidth: 0 }}>{props.row(item.name)}</div>
                <Button
                  icon={<DeleteOutlined />}
                  aria-label={t('common.removeRow', { n: i + 1 })}
                  title={t('common.removeRow', { n: i + 1 })}
                  onClick={() => remove(item.name)}
                  style={{ marginTop: 30 }}
                  danger
                />
              </div>
            ))}
            <Form.ErrorList errors={errors} />
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(props.newItem())}>
              {props.addLabel}
            </Button>
          </>
        )}
      </Form.List>
    </Card>
  )
}

export function FeesList() {
  const t = useT()
  return (
    <ListSection
      name="fees"
      title={t('proc.fees')}
      addLabel={t('ed.addFee')}
      newItem={() => ({ name: '', amountVnd: 0 })}
      row={(n) => (
        <Row gutter={12}>
          <Col xs={24} md={10}>
            <Form.Item name={[n, 'name']} label={t('proc.feeName')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name={[n, 'amountVnd']} label={t('ed.feeAmount')}>
              <InputNumber min={0} step={1000} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name={[n, 'note']} label={t('proc.note')}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
      )}
    />
  )
}

export function ComponentsList() {
  const t = useT()
  return (
    <ListSection
      name="components"
      title={t('proc.components')}
      addLabel={t('ed.addComponent')}
      newItem={() => ({ name: '', form: 'original', quantity: 1, required: true })}
      row={(n) => (
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name={[n, 'name']} label={t('proc.compName')} rules={[{ required: true }]}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name={[n, 'form']} label={t('proc.compForm')} rules={[{ required: true }]}>
              <Select options={Component.shape.form.options.map((f) => ({ value: f, label: t(`compForm.${f}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={6} md={3}>
            <Form.Item name={[n, 'quantity']} label={t('proc.compQty')} rules={[{ required: true }]}>
              <InputNumber min={0} max={100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={6} md={3}>
            <Form.Item name={[n, 'required']} label={t('proc.compRequired')} valuePropName="checked">
              <Checkbox />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={[n, 'templateName']} label={t('proc.compTemplate')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={[n, 'note']} label={t('proc.note')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name={[n, 'templateFileId']} label={t('ed.templateFile')} extra={t('ed.templateHelp')}>
              <TemplateFileInput namePath={['components', n, 'templateName']} />
            </Form.Item>
          </Col>
        </Row>
      )}
    />
  )
}

export function ResultsList() {
  const t = useT()
  return (
    <ListSection
      name="results"
      title={t('proc.results')}
      addLabel={t('ed.addResult')}
      newItem={() => ''}
      row={(n) => (
        <Form.Item name={n} label={t('ed.result')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
      )}
    />
  )
}

export function LegalList() {
  const t = useT()
  return (
    <ListSection
      name="legalBasis"
      title={t('proc.legal')}
      addLabel={t('ed.addLegal')}
      newItem={() => ({ number: '', title: '' })}
      row={(n) => (
        <Row gutter={12}>
          <Col xs={24} md={6}>
            <Form.Item name={[n, 'number']} label={t('ed.legalNumber')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={[n, 'title']} label={t('ed.legalTitle')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name={[n, 'issuedOn']} label={t('ed.legalIssued')}>
              <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      )}
    />
  )
}

export function EFormList() {
  const t = useT()
  return (
    <ListSection
      name={['eForm', 'fields']}
      title={t('ed.eform')}
      addLabel={t('ed.addEf')}
      newItem={() => ({ key: '', label: '', type: 'text', required: false })}
      row={(n) => (
        <Row gutter={12}>
          <Col xs={12} md={6}>
            <Form.Item name={[n, 'key']} label={t('ed.efKey')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name={[n, 'label']} label={t('ed.efLabel')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={16} md={6}>
            <Form.Item name={[n, 'type']} label={t('ed.efType')} rules={[{ required: true }]}>
              <Select options={EFormField.shape.type.options.map((ty) => ({ value: ty, label: t(`efType.${ty}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={8} md={4}>
            <Form.Item name={[n, 'required']} label={t('proc.compRequired')} valuePropName="checked">
              <Checkbox />
            </Form.Item>
          </Col>
        </Row>
      )}
    />
  )
}
