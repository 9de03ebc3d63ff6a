import { Layout, Button } from 'antd'
import { Link, NavLink, Outlet, useNavigate } from 'react-router-dom'
import { useT } from '../i18n/index.tsx'
import { useAuth } from '../auth/AuthContext.tsx'
import { useApi } from '../api/hooks.ts'
import type { OrgSettingsT } from '../api/types.ts'
import { LanguageSwitch } from './LanguageSwitch.tsx'

export function PublicLayout() {
  const t = useT()
  const { me, logout } = useAuth()
  const navigate = useNavigate()
  const settings = useApi<OrgSettingsT>('/org/settings')
  const signedIn = me !== null && me.stage === 'ok'

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <Layout.Header className="cs-header">
        <Link to="/" className="cs-brand">
          {t('app.title')}
          {settings.data ? ` ${settings.data.provinceName}` : ''}
        </Link>
        <nav aria-label={t('nav.main')} className="cs-nav">
          <ul>
            <li>
              <NavLink to="/" end>
                {t('nav.home')}
              </NavLink>
            </li>
            <li>
              <NavLink to="/thu-tuc">{t('nav.procedures')}</NavLink>
            </li>
            <li>
              <NavLink to="/tra-cuu-ho-so">{t('portal.nav.tracking')}</NavLink>
            </li>
            <li>
              <NavLink to="/kiem-tra-chu-ky">{t('sig.verify.title')}</NavLink>
            </li>
            {signedIn ? (
              <>
                {me.kind === 'officer' && (
                  <li>
                    <Link to="/quan-tri">{t('nav.admin')}</Link>
                  </li>
                )}
                {me.kind === 'citizen' && (
                  <li>
                    <NavLink to="/tai-khoan/ho-so" data-testid="my-dossiers-link">
                      {t('portal.nav.myDossiers')}
                    </NavLink>
                  </li>
                )}
                <li>
                  <NavLink
                    to={me.kind === 'citizen' ? '/tai-khoan' : '/quan-tri/tai-khoan'}
                    end
                    title={t('nav.account')}
                    data-testid="account-link"
                  >
                    {me.fullName}
                  </NavLink>
                </li>
                <li>
                  <Button
                    size="small"
                    ghost
                    onClick={() => {
                      void logout().then(() => navigate('/'))
                    }}
                  >
                    {t('nav.logout')}
                  </Button>
                </li>
              </>
            ) : (
              <>
                <li>
                  <NavLink to="/dang-nhap">{t('nav.login')}</NavLink>
                </li>
                <li>
                  <NavLink to="/dang-ky">{t('nav.register')}</NavLink>
                </li>
              </>
            )}
          </ul>
        </nav>
        <LanguageSwitch className="cs-lang" />
      </Layout.Header>
      <Layout.Content id="main" tabIndex={-1} className="cs-main cs-content">
        <Outlet />
      </Layout.Content>
      <Layout.Footer className="cs-footer">
        <p>{t('app.footerHotline')}</p>
        <p>{t('app.footer')}</p>
      </Layout.Footer>
    </Layout>
  )
}
