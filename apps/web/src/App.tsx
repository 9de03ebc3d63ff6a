import { lazy, Suspense, useMemo } from 'react'
import { Routes, Route } from 'react-router-dom'
import { App as AntApp, ConfigProvider, Spin } from 'antd'
// the ES build: the CJS entry's default export does not survive bundling, leaving antd in English
import viVN from 'antd/es/locale/vi_VN'
import enUS from 'antd/es/locale/en_US'
import { useI18n } from './i18n/index.tsx'
import { PublicLayout } from './components/PublicLayout.tsx'
import { HomePage } from './pages/public/HomePage.tsx'
import { SearchPage } from './pages/public/SearchPage.tsx'
import { ProcedurePage } from './pages/public/ProcedurePage.tsx'
import { CitizenLoginPage } from './pages/public/CitizenLoginPage.tsx'
import { RegisterPage } from './pages/public/RegisterPage.tsx'
import { NotFoundPage } from './pages/public/NotFoundPage.tsx'
import { CitizenAccountPage } from './pages/public/CitizenAccountPage.tsx'

const SubmitDossierPage = lazy(() => import('./pages/public/dossiers/SubmitDossierPage.tsx'))
const MyDossiersPage = lazy(() => import('./pages/public/dossiers/MyDossiersPage.tsx'))
const DossierDetailPage = lazy(() => import('./pages/public/dossiers/DossierDetailPage.tsx'))
const TrackingPage = lazy(() => import('./pages/public/dossiers/TrackingPage.tsx'))
const VerifySignaturePage = lazy(() => import('./pages/public/signatures/VerifySignaturePage.tsx'))
const AdminLoginPage = lazy(() => import('./pages/admin/AdminLoginPage.tsx'))
const AdminLayout = lazy(() => import('./pages/admin/AdminLayout.tsx'))
const DashboardPage = lazy(() => import('./pages/admin/DashboardPage.tsx'))
const AgenciesPage = lazy(() => import('./pages/admin/AgenciesPage.tsx'))
const StaffPage = lazy(() => import('./pages/admin/StaffPage.tsx'))
const ProceduresAdminPage = lazy(() => import('./pages/admin/ProceduresAdminPage.tsx'))
const ProcedureEditorPage = lazy(() => import('./pages/admin/ProcedureEditorPage.tsx'))
const AuditPage = lazy(() => import('./pages/admin/AuditPage.tsx'))
const AccountPage = lazy(() => import('./pages/admin/AccountPage.tsx'))
const ReceptionInboxPage = lazy(() => import('./pages/admin/dossiers/ReceptionInboxPage.tsx'))
const OfficerDossierPage = lazy(() => import('./pages/admin/dossiers/OfficerDossierPage.tsx'))
const CounterIntakePage = lazy(() => import('./pages/admin/dossiers/CounterIntakePage.tsx'))
const TrackingBookPage = lazy(() => import('./pages/admin/dossiers/TrackingBookPage.tsx'))
const ProcessingInboxPage = lazy(() => import('./pages/admin/processing/ProcessingInboxPage.tsx'))
const ProcessingOverviewPage = lazy(() => import('./pages/admin/processing/OverviewPage.tsx'))
const CalendarPage = lazy(() => import('./pages/admin/calendar/CalendarPage.tsx'))
const OutboxPage = lazy(() => import('./pages/admin/OutboxPage.tsx'))
const SigningPage = lazy(() => import('./pages/admin/signatures/SigningPage.tsx'))
const TrustStorePage = lazy(() => import('./pages/admin/signatures/TrustStorePage.tsx'))
const ProcessListPage = lazy(() => import('./pages/admin/workflow/ProcessListPage.tsx'))
const ProcessEditorPage = lazy(() => import('./pages/admin/workflow/ProcessEditorPage.tsx'))

const theme = {
  token: {
    colorPrimary: '#0a52a3',
    colorLink: '#0a52a3',
    colorError: '#c0161f',
    colorTextDescription: 'rgba(0, 0, 0, 0.68)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.68)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    borderRadius: 6,
  },
}

export const Loading = () => (
  <div style={{ padding: 48, textAlign: 'center' }}>
    <Spin size="large" />
  </div>
)

export function AppShell() {
  const { lang, t } = useI18n()
  const validateMessages = useMemo(() => ({ required: t('validate.required'), types: { email: t('validate.email') } }), [t])
  return (
    <ConfigProvider locale={lang === 'vi' ? viVN : enUS} theme={theme} form={{ validateMessages }}>
      <AntApp>
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route element={<PublicLayout />}>
              <Route index element={<HomePage />} />
              <Route path="thu-tuc" element={<SearchPage />} />
              <Route path="thu-tuc/:code" element={<ProcedurePage />} />
              <Route path="dang-nhap" element={<CitizenLoginPage />} />
              <Route path="dang-ky" element={<RegisterPage />} />
              <Route path="tai-khoan" element={<CitizenAccountPage />} />
              <Route
                path="nop-ho-so/:procedureCode"
                element={
                  <Suspense fallback={<Loading />}>
                    <SubmitDossierPage />
                  </Suspense>
                }
              />
              <Route
                path="tai-khoan/ho-so"
                element={
                  <Suspense fallback={<Loading />}>
                    <MyDossiersPage />
                  </Suspense>
                }
              />
              <Route
                path="tai-khoan/ho-so/:code"
                element={
                  <Suspense fallback={<Loading />}>
                    <DossierDetailPage />
                  </Suspense>
                }
              />
              <Route
                path="tra-cuu-ho-so/:code?"
                element={
                  <Suspense fallback={<Loading />}>
                    <TrackingPage />
                  </Suspense>
                }
              />
              <Route
                path="kiem-tra-chu-ky"
                element={
                  <Suspense fallback={<Loading />}>
                    <VerifySignaturePage />
                  </Suspense>
                }
              />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
            <Route path="quan-tri/dang-nhap" element={<AdminLoginPage />} />
            <Route path="quan-tri" element={<AdminLayout />}>
              <Route index element={<DashboardPage />} />
              <Route path="to-chuc" element={<AgenciesPage />} />
              <Route path="can-bo" element={<StaffPage />} />
              <Route path="thu-tuc" element={<ProceduresAdminPage />} />
              <Route path="thu-tuc/:code" element={<ProcedureEditorPage />} />
              <Route path="nhat-ky" element={<AuditPage />} />
              <Route path="tai-khoan" element={<AccountPage />} />
              <Route path="ho-so" element={<ReceptionInboxPage />} />
              <Route path="ho-so/tiep-nhan-moi" element={<CounterIntakePage />} />
              <Route path="ho-so/:code" element={<OfficerDossierPage />} />
              <Route path="xu-ly" element={<ProcessingInboxPage />} />
              <Route path="tong-hop-xu-ly" element={<ProcessingOverviewPage />} />
              <Route path="so-theo-doi" element={<TrackingBookPage />} />
              <Route path="lich-lam-viec" element={<CalendarPage />} />
              <Route path="hop-thu-di" element={<OutboxPage />} />
              <Route path="ky-so" element={<SigningPage />} />
              <Route path="chung-thu-tin-cay" element={<TrustStorePage />} />
              <Route path="quy-trinh" element={<ProcessListPage />} />
              <Route path="quy-trinh/moi" element={<ProcessEditorPage />} />
              <Route path="quy-trinh/:id" element={<ProcessEditorPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </Suspense>
      </AntApp>
    </ConfigProvider>
  )
}
