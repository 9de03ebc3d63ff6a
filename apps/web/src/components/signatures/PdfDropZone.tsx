import { Upload } from 'antd'
import { InboxOutlined } from '@ant-design/icons'
import { useI18n } from '../../i18n/index.tsx'
import { formatBytes } from '../dossier/common.tsx'

interface Props {
  /** Largest accepted size; bigger files are refused here, before any upload. */
  maxBytes: number
  /** The big line ("Kéo thả tệp PDF vào đây…") and the hint under it. */
  text: string
  hint: string
  /** Called with an acceptable PDF (by name or type, not empty, not too large). */
  onFile: (file: File) => void
  /** Called with a Vietnamese/English sentence when the picked file is refused. */
  onReject: (message: string) => void
  disabled?: boolean
  testId: string
}

export const isPdfName = (file: Pick<File, 'name' | 'type'>) => file.type === 'application/pdf' || /\.pdf$/i.test(file.name)

/**
 * One PDF, dropped or picked (the drop area is a button: Enter or Space opens the file chooser).
 * Nothing is uploaded by antd: the file goes to `onFile`, which sends it as it needs to.
 */
export function PdfDropZone({ maxBytes, text, hint, onFile, onReject, disabled, testId }: Props) {
  const { t, lang } = useI18n()
  const check = (file: File) => {
    if (!isPdfName(file)) return onReject(t('sig.pdf.notPdf', { name: file.name }))
    if (file.size === 0) return onReject(t('sig.pdf.empty', { name: file.name }))
    if (file.size > maxBytes)
      return onReject(t('sig.pdf.tooLarge', { name: file.name, size: formatBytes(file.size, lang), max: formatBytes(maxBytes, lang) }))
    onFile(file)
  }
  return (
    <div data-testid={testId}>
      <Upload.Dragger
        accept=".pdf,application/pdf"
        multiple={false}
        maxCount={1}
        showUploadList={false}
        disabled={disabled}
        beforeUpload={(file) => {
          check(file)
          return Upload.LIST_IGNORE
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined aria-hidden />
        </p>
        <p className="ant-upload-text">{text}</p>
        <p className="ant-upload-hint">{hint}</p>
      </Upload.Dragger>
    </div>
  )
}
