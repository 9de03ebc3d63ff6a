import { Table, Typography } from 'antd'
import type { ProcessDefinitionInput } from '@congso/contracts'
import type { BranchCondition } from '@congso/domain'
import { useI18n } from '../../../i18n/index.tsx'
import { durationLabel } from '../../../components/workflow/text.ts'
import type { EditorIssue } from './processModel.ts'

type Step = ProcessDefinitionInput['steps'][number]
type Transition = ProcessDefinitionInput['transitions'][number]

interface Props {
  definition: ProcessDefinitionInput
  unitName: (id: string) => string | undefined
  describeCondition: (c: BranchCondition) => string
  stepIssues: ReadonlyMap<number, EditorIssue[]>
  transitionIssues: ReadonlyMap<number, EditorIssue[]>
}

const issuesCell = (list: EditorIssue[] | undefined) =>
  list?.length ? (
    <ul style={{ margin: 0, paddingLeft: 18 }}>
      {list.map((i, k) => (
        <li key={k}>
          <Typography.Text type="danger">{i.message}</Typography.Text>
        </li>
      ))}
    </ul>
  ) : null

/** A version that cannot be edited (published, superseded, or for a reader): its steps and transitions as two tables. */
export function ProcessTables({ definition, unitName, describeCondition, stepIssues, transitionIssues }: Props) {
  const { t, lang } = useI18n()
  const nameOf = (id: string) => definition.steps.find((s) => s.id === id)?.name ?? id
  const anyIssues = stepIssues.size + transitionIssues.size > 0
  return (
    <>
      <h3 style={{ fontSize: 16 }}>{t('wf.ed.steps', { n: definition.steps.length })}</h3>
      <Table<Step & { n: number }>
        size="small"
        rowKey="n"
        pagination={false}
        scroll={{ x: 900 }}
        dataSource={definition.steps.map((s, i) => ({ ...s, n: i + 1 }))}
        style={{ marginBottom: 24 }}
        columns={[
          { title: '#', dataIndex: 'n', key: 'n', width: 48 },
          {
            title: t('wf.step.name'),
            key: 'name',
            render: (_, s) => (
              <>
                <strong>{s.name}</strong>
                {s.id === definition.startStepId && ` (${t('wf.dg.startStep')})`}
                <div>
                  <Typography.Text type="secondary">{s.id}</Typography.Text>
                </div>
              </>
            ),
          },
          { title: t('wf.step.kind'), key: 'kind', width: 120, render: (_, s) => t(`wf.kind.${s.kind}`) },
          { title: t('wf.step.role'), key: 'role', width: 150, render: (_, s) => t(`role.${s.role}`) },
          {
            title: t('wf.step.unit'),
            key: 'unit',
            render: (_, s) => (s.unitId ? (unitName(s.unitId) ?? s.unitId) : t('wf.step.noUnit')),
          },
          { title: t('wf.step.duration'), key: 'duration', width: 150, render: (_, s) => durationLabel(t, lang, s.duration) },
          ...(anyIssues
            ? [
                {
                  title: t('wf.issues.column'),
                  key: 'issues',
                  render: (_: unknown, s: { n: number }) => issuesCell(stepIssues.get(s.n - 1)),
                },
              ]
            : []),
        ]}
      />
      <h3 style={{ fontSize: 16 }}>{t('wf.ed.transitions', { n: definition.transitions.length })}</h3>
      <Table<Transition & { n: number }>
        size="small"
        rowKey="n"
        pagination={false}
        scroll={{ x: 900 }}
        dataSource={definition.transitions.map((tr, i) => ({ ...tr, n: i + 1 }))}
        columns={[
          { title: '#', dataIndex: 'n', key: 'n', width: 48 },
          { title: t('wf.tr.from'), key: 'from', render: (_, tr) => nameOf(tr.from) },
          {
            title: t('wf.tr.kind'),
            key: 'kind',
            width: 120,
            render: (_, tr) => t(tr.kind === 'return' ? 'wf.tr.return' : 'wf.tr.forward'),
          },
          { title: t('wf.tr.to'), key: 'to', render: (_, tr) => nameOf(tr.to) },
          {
            title: t('wf.tr.condition'),
            key: 'condition',
            render: (_, tr) => (tr.condition ? describeCondition(tr.condition) : t('common.none')),
          },
          { title: t('wf.tr.label'), key: 'label', render: (_, tr) => tr.label ?? t('common.none') },
          ...(anyIssues
            ? [
                {
                  title: t('wf.issues.column'),
                  key: 'issues',
                  render: (_: unknown, tr: { n: number }) => issuesCell(transitionIssues.get(tr.n - 1)),
                },
              ]
            : []),
        ]}
      />
    </>
  )
}
