import { Radio } from 'antd'

interface Props<V extends string> {
  id?: string
  value?: V
  onChange?: (value: V) => void
  options: readonly { value: V; label: string }[]
  /** The group's accessible name (the Form.Item label's text). */
  label: string
  optionType?: 'default' | 'button'
  'aria-required'?: boolean | 'true' | 'false'
  'aria-describedby'?: string
  'aria-invalid'?: boolean | 'true' | 'false'
}

/**
 * A radio group usable as an antd Form.Item control: antd's group is a role-less div, on which the
 * aria-required that Form.Item adds is not allowed (an axe violation); this one is a named `radiogroup`.
 */
export function RadioField<V extends string>({ id, value, onChange, options, label, optionType, ...aria }: Props<V>) {
  return (
    <div role="radiogroup" id={id} aria-label={label} {...aria}>
      <Radio.Group value={value} onChange={(e) => onChange?.(e.target.value as V)} optionType={optionType} options={[...options]} />
    </div>
  )
}
