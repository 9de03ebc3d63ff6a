import { DeleteOutlined } from '@ant-design/icons'
import { Button, Typography } from 'antd'

/** The heading line of one step or transition in the editor, with its remove button when editable. */
export function ItemHeader({ title, removeLabel, onRemove }: { title: string; removeLabel: string; onRemove: (() => void) | undefined }) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 8 }}>
      <Typography.Text strong style={{ flex: 1, minWidth: 0 }}>
        {title}
      </Typography.Text>
      {onRemove && (
        <Button size="small" danger icon={<DeleteOutlined aria-hidden />} aria-label={removeLabel} title={removeLabel} onClick={onRemove} />
      )}
    </div>
  )
}
