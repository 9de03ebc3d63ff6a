import { Button, Col, Form, Input, InputNumber, Row, Select } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import { StepKind, StepRole } from '@congso/domain'
import { useT } from '../../../i18n/index.tsx'
import type { Agency } from '../../../api/types.ts'
import { fieldHelp, GroupIssues, groupStyle } from './fieldIssues.tsx'
import { ItemHeader } from './ItemHeader.tsx'
import { newStep, type EditorIssue, type ProcessFormValues } from './processModel.ts'

interface Props {
  values: ProcessFormValues
  editable: boolean
  issues: ReadonlyMap<number, EditorIssue[]>
  units: readonly Agency[]
  /** Removes step `index` (and what names it). */
  onRemove: (index: number) => void
}

/** One group per step: code, name, kind, role, unit and time allowed; its issues on top or under the field they name. */
export function StepsFields({ values, editable, issues, units, onRemove }: Props) {
  const t = useT()
  const steps = values.steps ?? []
  const unitOptions = [{ value: '', label: t('wf.step.noUnit') }, ...units.map((u) => ({ value: u.id, label: u.name }))]
  const roleOptions = StepRole.map((r) => ({ value: r, label: t(`role.${r}`) }))
  const kindOptions = StepKind.map((k) => ({ value: k, label: t(`wf.kind.${k}`) }))

  return (
    <Form.List name="steps">
      {(items, { add }) => (
        <>
          {items.map((item, i) => {
            const own = issues.get(item.name)
            const path = `steps[${item.name}]`
            const fieldPaths = ['id', 'name', 'unitId', 'duration'].map((f) => `${path}.${f}`)
            const s = steps[item.name]
            return (
              <div
                key={item.key}
                role="group"
                aria-label={t('wf.step.n', { n: i + 1 })}
                data-testid="process-step"
                style={groupStyle(!!own?.length)}
              >
                <ItemHeader
                  title={`${t('wf.step.n', { n: i + 1 })}${s?.name ? ` — ${s.name}` : ''}`}
                  removeLabel={t('wf.step.remove', { n: i + 1 })}
                  onRemove={editable ? () => onRemove(item.name) : undefined}
                />
                <GroupIssues issues={own} fieldPaths={fieldPaths} />
                <Row gutter={12}>
                  <Col xs={24} sm={12} lg={5}>
                    <Form.Item
                      name={[item.name, 'id']}
                      label={t('wf.step.id')}
                      tooltip={t('wf.step.idHelp')}
                      {...fieldHelp(own, `${path}.id`)}
                    >
                      <Input maxLength={40} spellCheck={false} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12} lg={9}>
                    <Form.Item name={[item.name, 'name']} label={t('wf.step.name')} {...fieldHelp(own, `${path}.name`)}>
                      <Input maxLength={200} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12} lg={4}>
                    <Form.Item name={[item.name, 'kind']} label={t('wf.step.kind')}>
                      <Select options={kindOptions} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12} lg={6}>
                    <Form.Item name={[item.name, 'role']} label={t('wf.step.role')}>
                      <Select options={roleOptions} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} lg={12}>
                    <Form.Item name={[item.name, 'unitId']} label={t('wf.step.unit')} {...fieldHelp(own, `${path}.unitId`)}>
                      <Select options={unitOptions} showSearch optionFilterProp="label" />
                    </Form.Item>
                  </Col>
                  <Col xs={12} lg={5}>
                    <Form.Item
                      name={[item.name, 'duration', 'value']}
                      label={t('wf.step.duration')}
                      {...fieldHelp(own, `${path}.duration`)}
                    >
                      <InputNumber min={0} max={10000} decimalSeparator="," style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} lg={7}>
                    <Form.Item name={[item.name, 'duration', 'unit']} label={t('wf.step.durationUnit')}>
                      <Select
                        options={[
                          { value: 'working_day', label: t('unit.working_day') },
                          { value: 'working_hour', label: t('unit.working_hour') },
                        ]}
                      />
                    </Form.Item>
                  </Col>
                </Row>
              </div>
            )
          })}
          {editable && (
            <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add(newStep(steps))}>
              {t('wf.step.add')}
            </Button>
          )}
        </>
      )}
    </Form.List>
  )
}
