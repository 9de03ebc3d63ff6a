import type { ReactNode } from 'react'
import { Typography } from 'antd'
import type { EditorIssue } from './processModel.ts'

/**
 * Where an issue is shown in the form: an issue naming a field (`steps[2].id`, `steps[2].duration`,
 * `transitions[4].condition.field`) under that field, the others at the top of the step or
 * transition they name.
 */
export function fieldHelp(issues: readonly EditorIssue[] | undefined, path: string): { validateStatus?: 'error'; help?: ReactNode } {
  const own = (issues ?? []).filter((i) => i.path === path || i.path.startsWith(`${path}.`))
  if (own.length === 0) return {}
  return { validateStatus: 'error', help: own.map((i) => i.message).join('; ') }
}

export function GroupIssues({ issues, fieldPaths }: { issues: readonly EditorIssue[] | undefined; fieldPaths: readonly string[] }) {
  const rest = (issues ?? []).filter((i) => !fieldPaths.some((p) => i.path === p || i.path.startsWith(`${p}.`)))
  if (rest.length === 0) return null
  return (
    <ul style={{ margin: '0 0 8px', paddingLeft: 20 }}>
      {rest.map((i, k) => (
        <li key={k}>
          <Typography.Text type="danger">{i.message}</Typography.Text>
        </li>
      ))}
    </ul>
  )
}

export const groupStyle = (hasIssues: boolean) => ({
  border: `1px solid ${hasIssues ? '#c0161f' : '#d9d9d9'}`,
  borderLeftWidth: 4,
  borderRadius: 6,
  padding: '10px 12px 0',
  marginBottom: 12,
  background: hasIssues ? '#fff8f8' : '#fff',
})
