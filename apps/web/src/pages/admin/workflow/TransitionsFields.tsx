import { Button, Col, Form, Input, Row, Select, Typography } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import { useT } from '../../../i18n/index.tsx'
import { fieldHelp, GroupIssues, groupStyle } from './fieldIssues.tsx'
import { ItemHeader } from './ItemHeader.tsx'
import { CONDITION_OPS, type EditorIssue, type EFormFieldT, type ProcessFormValues, type TransitionValues } from './processModel.ts'

interface Props {
  values: ProcessFormValues
  editable: boolean
  issues: ReadonlyMap<number, EditorIssue[]>
  /** The procedure's e-form fields a branch condition may test. */
  fields: readonly EFormFieldT[]
}

function ValueInput({ name, field, op }: { name: number; field: EFormFieldT | undefined; op: string }) {
  const t = useT()
  const multiple = op === 'in'
  let input
  if (field?.type === 'checkbox') {
    input = (
      <Select
        options={[
          { value: 'true', label: t('common.yes') },
          { value: 'false', label: t('common.no') },
        ]}
      />
    )
  } else if (field?.options?.length) {
    input = <Select mode={multiple ? 'multiple' : undefined} options={field.options.map((o) => ({ value: o.value, label: o.label }))} />
  } else if (multiple) {
    input = <Select mode="tags" open={false} tokenSeparators={[',']} />
  } else {
    input = <Input inputMode={field?.type === 'number' ? 'decimal' : undefined} maxLength={500} />
  }
  return (
    <Form.Item name={[name, 'condition', 'value']} label={t('wf.tr.condValue')}>
      {input}
    </Form.Item>
  )
}

/** One group per transition: from, kind, to, label, and for forward moves an optional condition on the e-form. */
export function TransitionsFields({ values, editable, issues, fields }: Props) {
  const t = useT()
  const steps = values.steps ?? []
  const stepOptions = steps.filter((s) => s?.id).map((s) => ({ value: s.id, label: s.name ? `${s.name} (${s.id})` : s.id }))
  const byKey = new Map(fields.map((f) => [f.key, f]))
  const fieldOptions = (current?: string) => {
    const options = fields.map((f) => ({ value: f.key, label: `${f.label} (${f.key})` }))
    if (current && !byKey.has(current)) options.unshift({ value: current, label: current })
    return options
  }
  const newTransition = (): TransitionValues => ({ from: steps[0]?.id, to: steps[1]?.id, kind: 'forward' })

  return (
    <Form.List name="transitions">
      {(items, { add, remove }) => (
        <>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
            {t('wf.tr.help')} {fields.length === 0 && t('wf.tr.noEForm')}
          </Typography.Paragraph>
          {items.map((item, i) => {
            const own = issues.get(item.name)
            const path = `transitions[${item.name}]`
            const tr = values.transitions?.[item.name]
            const forward = tr?.kind !== 'return'
            const field = tr?.condition?.field
            return (
              <div
                key={item.key}
                role="group"
                aria-label={t('wf.tr.n', { n: i + 1 })}
                data-testid="process-transition"
                style={groupStyle(!!own?.length)}
              >
                <ItemHeader
                  title={t('wf.tr.n', { n: i + 1 })}
                  removeLabel={t('wf.tr.remove', { n: i + 1 })}
                  onRemove={editable ? () => remove(item.name) : undefined}
                />
                <GroupIssues issues={own} fieldPaths={[`${path}.condition`]} />
                <Row gutter={12}>
                  <Col xs={24} sm={12} lg={7}>
                    <Form.Item name={[item.name, 'from']} label={t('wf.tr.from')}>
                      <Select options={stepOptions} showSearch optionFilterProp="label" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12} lg={4}>
                    <Form.Item name={[item.name, 'kind']} label={t('wf.tr.kind')}>
                      <Select
                        options={[
                          { value: 'forward', label: t('wf.tr.forward') },
                          { value: 'return', label: t('wf.tr.return') },
                        ]}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12} lg={7}>
                    <Form.Item name={[item.name, 'to']} label={t('wf.tr.to')}>
                      <Select options={stepOptions} showSearch optionFilterProp="label" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12} lg={6}>
                    <Form.Item name={[item.name, 'label']} label={t('wf.tr.label')}>
                      <Input maxLength={200} />
                    </Form.Item>
                  </Col>
                  {forward && (fields.length > 0 || field) && (
                    <>
                      <Col xs={24} lg={9}>
                        <Form.Item
                          name={[item.name, 'condition', 'field']}
                          label={t('wf.tr.condField')}
                          {...fieldHelp(own, `${path}.condition`)}
                        >
                          <Select
                            options={fieldOptions(field)}
                            allowClear
                            placeholder={t('wf.tr.noCondition')}
                            showSearch
                            optionFilterProp="label"
                          />
                        </Form.Item>
                      </Col>
                      {field && (
                        <>
                          <Col xs={24} sm={8} lg={5}>
                            <Form.Item name={[item.name, 'condition', 'op']} label={t('wf.tr.condOp')} initialValue="eq">
                              <Select options={CONDITION_OPS.map((op) => ({ value: op, label: t(`wf.op.${op}`) }))} />
                            </Form.Item>
                          </Col>
                          <Col xs={24} sm={16} lg={10}>
                            <ValueInput name={item.name} field={byKey.get(field)} op={tr?.condition?.op ?? 'eq'} />
                          </Col>
                        </>
                      )}
                    </>
                  )}
                </Row>
              </div>
            )
          })}
          {editable && (
            <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add(newTransition())}>
              {t('wf.tr.add')}
            </Button>
          )}
        </>
      )}
    </Form.List>
  )
}
