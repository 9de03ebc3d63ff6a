import { useEffect, useState, type ReactNode } from 'react'
import { Button, Layout, Menu, Spin, Typography } from 'antd'
import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  BookOutlined,
  CalendarOutlined,
  DashboardOutlined,
  FileAddOutlined,
  FileDoneOutlined,
  FileTextOutlined,
  ForkOutlined,
  InboxOutlined,
  MailOutlined,
  SafetyCertificateOutlined,
  SignatureOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons'
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom'
import { useT, type MessageKey } from '../../i18n/index.tsx'
import { useAuth } from '../../auth/AuthContext.tsx'
import type { RoleT } from '../../api/types.ts'
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx'
import { BOOK_ROLES, hasAnyRole, INTAKE_ROLES, OUTBOX_ROLES, OVERVIEW_ROLES, PROCESSING_ROLES } from './dossiers/access.ts'
import { PROCESS_EDIT_ROLES } from './workflow/access.ts'

/** Menu entries; `roles` (when given) lists the roles that can use the page — others do not see the entry. */
const items: readonly { key: string; icon: ReactNode; label: MessageKey; roles?: readonly RoleT[] }[] = [
  { key: '/quan-tri', icon: <DashboardOutlined />, label: 'admin.dashboard' },
  { key: '/quan-tri/ho-so', icon: <InboxOutlined />, label: 'officer.menu.inbox', roles: BOOK_ROLES },
  { key: '/quan-tri/ho-so/tiep-nhan-moi', icon: <FileAddOutlined />, label: 'officer.menu.intake', roles: INTAKE_ROLES },
  { key: '/quan-tri/xu-ly', icon: <FileDoneOutlined />, label: 'pr.menu.inbox', roles: PROCESSING_ROLES },
  { key: '/quan-tri/tong-hop-xu-ly', icon: <BarChartOutlined />, label: 'pr.menu.overview', roles: OVERVIEW_ROLES },
  { key: '/quan-tri/so-theo-doi', icon: <BookOutlined />, label: 'officer.menu.book', roles: BOOK_ROLES },
  { key: '/quan-tri/lich-lam-viec', icon: <CalendarOutlined />, label: 'officer.menu.calendar' },
  { key: '/quan-tri/ky-so', icon: <SignatureOutlined />, label: 'sig.sign.menu' },
  { key: '/quan-tri/chung-thu-tin-cay', icon: <SafetyCertificateOutlined />, label: 'sig.anchor.menu' },
  { key: '/quan-tri/to-chuc', icon: <ApartmentOutlined />, label: 'admin.org' },
  { key: '/quan-tri/can-bo', icon: <TeamOutlined />, label: 'admin.staff' },
  { key: '/quan-tri/thu-tuc', icon: <FileTextOutlined />, label: 'admin.procedures' },
  { key: '/quan-tri/quy-trinh', icon: <ForkOutlined />, label: 'wf.menu', roles: PROCESS_EDIT_ROLES },
  { key: '/quan-tri/nhat-ky', icon: <AuditOutlined />, label: 'admin.audit' },
  { key: '/quan-tri/hop-thu-di', icon: <MailOutlined />, label: 'officer.menu.outbox', roles: OUTBOX_ROLES },
  { key: '/quan-tri/tai-khoan', icon: <UserOutlined />, label: 'nav.account' },
]

export default function AdminLayout() {
  const t = useT()
  const { me, loading, logout } = useAuth()
  const navigate = useNavigate()
  const { pathname } = useLocation()
  const [collapsed, setCollapsed] = useState(false)
  const allowed = me !== null && me.kind === 'officer' && me.stage === 'ok'

  useEffect(() => {
    if (!loading && !allowed) void navigate('/quan-tri/dang-nhap', { replace: true })
  }, [loading, allowed, navigate])

  if (loading || !allowed) {
    return (
      <div style={{ padding: 48, textAlign: 'center' }}>
        <Spin size="large" />
      </div>
    )
  }

  const visible = items.filter((i) => hasAnyRole(me, i.roles))
  // The longest matching entry wins (the dossier detail /quan-tri/ho-so/:code selects "Tiếp nhận hồ sơ").
  const selected =
    [...visible].sort((a, b) => b.key.length - a.key.length).find((i) => pathname === i.key || pathname.startsWith(`${i.key}/`))?.key ??
    '/quan-tri'

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <Layout.Sider
        breakpoint="lg"
        collapsedWidth={0}
        collapsed={collapsed}
        onCollapse={setCollapsed}
        theme="dark"
        width={264}
        zeroWidthTriggerStyle={{ top: 12 }}
      >
        <div style={{ color: '#fff', padding: '16px', fontWeight: 700, fontSize: 16 }}>{t('admin.title')}</div>
        <nav aria-label={t('admin.menu')}>
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={[selected]}
            items={visible.map((i) => ({ key: i.key, icon: i.icon, label: <Link to={i.key}>{t(i.label)}</Link> }))}
            onClick={() => {
              if (window.matchMedia('(max-width: 991px)').matches) setCollapsed(true)
            }}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="cs-admin-header">
          <div style={{ marginRight: 'auto', minWidth: 0 }}>
            <Link to="/quan-tri/tai-khoan" className="cs-account-link" title={t('nav.account')}>
              <UserOutlined aria-hidden="true" /> <strong>{me.fullName}</strong>
            </Link>
            {me.agencyName && <Typography.Text> — {me.agencyName}</Typography.Text>}
          </div>
          <Link to="/">{t('admin.toPortal')}</Link>
          <LanguageSwitch className="cs-lang-admin" />
          <Button
            onClick={() => {
              void logout().then(() => navigate('/quan-tri/dang-nhap'))
            }}
          >
            {t('nav.logout')}
          </Button>
        </Layout.Header>
        <Layout.Content id="main" tabIndex={-1} className="cs-admin-content cs-content">
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  )
}
