import { useMemo, useState } from 'react'
import { Alert, App, Button, Radio, Space, Table, Typography } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import { Link } from 'react-router-dom'
import { useT } from '../../i18n/index.tsx'
import { put } from '../../api/client.ts'
import { useApi } from '../../api/hooks.ts'
import type { Agency, OrgSettingsT } from '../../api/types.ts'
import { useErrorHandler } from '../../lib/forms.ts'
import { usePageTitle } from '../../lib/usePageTitle.ts'
import { CsTag } from '../../components/Tags.tsx'
import { AgencyModal, type AgencyModalState } from './AgencyModal.tsx'

type Node = Agency & { children?: Node[] }

/** Builds the agency tree from the flat list; agencies whose parent is unknown become roots. */
export function buildTree(list: Agency[]): Node[] {
  const byId = new Map<string, Node>(list.map((a) => [a.id, { ...a }]))
  const roots: Node[] = []
  for (const node of byId.values()) {
    const parent = node.parentId ? byId.get(node.parentId) : undefined
    if (parent) (parent.children ??= []).push(node)
    else roots.push(node)
  }
  const sort = (nodes: Node[]) => {
    nodes.sort((a, b) => (a.code ?? '').localeCompare(b.code ?? '') || a.name.localeCompare(b.name, 'vi'))
    nodes.forEach((n) => n.children && sort(n.children))
  }
  sort(roots)
  return roots
}

export default function AgenciesPage() {
  const t = useT()
  const { message } = App.useApp()
  const onError = useErrorHandler()
  const agencies = useApi<Agency[]>('/admin/agencies')
  const settings = useApi<OrgSettingsT>('/org/settings')
  const [modal, setModal] = useState<AgencyModalState>(null)
  const tree = useMemo(() => buildTree(agencies.data ?? []), [agencies.data])
  usePageTitle(t('admin.org'))

  const setLevels = async (governmentLevels: 2 | 3) => {
    try {
      await put('/admin/org/settings', { governmentLevels })
      void message.success(t('org.govSaved'))
      settings.reload()
    } catch (e) {
      onError(e)
    }
  }

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('admin.org')}
      </Typography.Title>
      <div className="cs-toolbar">
        <span id="gov-levels-label" style={{ fontWeight: 600 }}>
          {t('admin.govLevels')}:
        </span>
        <Radio.Group
          aria-labelledby="gov-levels-label"
          value={settings.data?.governmentLevels}
          onChange={(e) => void setLevels(e.target.value === 2 ? 2 : 3)}
          optionType="button"
          options={[
            { value: 2, label: t('gov.2') },
            { value: 3, label: t('gov.3') },
          ]}
        />
      </div>
      <div className="cs-toolbar">
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal({ mode: 'create', parentId: null })}>
          {t('org.add')}
        </Button>
      </div>
      {agencies.error && <Alert type="error" showIcon message={agencies.error.localized} />}
      <Table<Node>
        rowKey="id"
        loading={agencies.loading}
        dataSource={tree}
        pagination={false}
        size="middle"
        scroll={{ x: 900 }}
        expandable={{ defaultExpandAllRows: true }}
        key={tree.length}
        columns={[
          {
            title: t('org.name'),
            key: 'name',
            render: (_, a) => (
              <span>
                {a.name}
                {a.shortName && <span className="cs-muted"> ({a.shortName})</span>}
              </span>
            ),
          },
          { title: t('org.code'), dataIndex: 'code', key: 'code', render: (c: string | null) => c ?? t('common.none') },
          { title: t('org.kind'), dataIndex: 'kind', key: 'kind', render: (k: Agency['kind']) => t(`kind.${k}`) },
          {
            title: t('common.status'),
            key: 'active',
            render: (_, a) =>
              a.active ? <CsTag color="green">{t('common.active')}</CsTag> : <CsTag color="grey">{t('common.inactive')}</CsTag>,
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, a) => (
              <Space wrap>
                <Button size="small" onClick={() => setModal({ mode: 'edit', agency: a })}>
                  {t('common.edit')}
                </Button>
                <Button size="small" onClick={() => setModal({ mode: 'create', parentId: a.id })}>
                  {t('org.addChild')}
                </Button>
                <Link to={`/quan-tri/can-bo?agency=${a.id}`}>{t('admin.staff')}</Link>
              </Space>
            ),
          },
        ]}
      />
      <AgencyModal
        state={modal}
        agencies={agencies.data ?? []}
        onClose={() => setModal(null)}
        onSaved={() => {
          setModal(null)
          agencies.reload()
        }}
      />
    </>
  )
}
