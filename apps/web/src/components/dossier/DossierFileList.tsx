import { PaperClipOutlined } from '@ant-design/icons'
import type { DossierDetailT } from './types.ts'
import { useI18n } from '../../i18n/index.tsx'
import { formatDateTime } from '../../lib/format.ts'
import { fileUrl, formatBytes } from './common.tsx'

type DossierFileT = DossierDetailT['components'][number]['files'][number]

/** The files of one dossier component, each a download link with its size and when it was added. */
export function DossierFileList({ files, empty }: { files: readonly DossierFileT[]; empty: string }) {
  const { lang } = useI18n()
  if (files.length === 0) return <span className="cs-muted">{empty}</span>
  return (
    <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {files.map((f) => (
        <li key={f.id}>
          <PaperClipOutlined aria-hidden />{' '}
          <a href={fileUrl(f.id)} target="_blank" rel="noreferrer">
            {f.fileName}
          </a>{' '}
          <span className="cs-muted">
            ({formatBytes(f.sizeBytes, lang)} · {formatDateTime(f.addedAt)})
          </span>
        </li>
      ))}
    </ul>
  )
}
