import { Alert, Button, Card, Select, Space, Table, Typography } from 'antd'
import { LeftOutlined, RightOutlined } from '@ant-design/icons'
import { useSearchParams } from 'react-router-dom'
import { useApi } from '../../../api/hooks.ts'
import { useAuth } from '../../../auth/AuthContext.tsx'
import { useI18n } from '../../../i18n/index.tsx'
import { formatNumber } from '../../../lib/format.ts'
import { usePageTitle } from '../../../lib/usePageTitle.ts'
import { PageSpinner } from '../../../components/dossier/common.tsx'
import { CALENDAR_EDIT_ROLES, hasAnyRole } from '../dossiers/access.ts'
import { AgencyHoursCard } from './AgencyHoursCard.tsx'
import { OverridesTable, weekdayDate } from './OverridesTable.tsx'
import { SettingsForm } from './SettingsForm.tsx'
import type { CalendarYearViewT } from './types.ts'
import { YearGrid } from './YearGrid.tsx'

type Holiday = CalendarYearViewT['statutoryHolidays'][number]

function CardTitle({ id, children }: { id: string; children: string }) {
  return (
    <Typography.Title level={2} id={id} className="cs-card-title">
      {children}
    </Typography.Title>
  )
}

/** `/quan-tri/lich-lam-viec`: the working calendar the deadlines are computed on (officers read it; system admins edit it). */
export default function CalendarPage() {
  const { t, lang } = useI18n()
  const { me } = useAuth()
  const [params, setParams] = useSearchParams()
  const thisYear = new Date().getFullYear()
  const asked = Number(params.get('nam'))
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : thisYear
  const view = useApi<CalendarYearViewT>('/admin/calendar', { year })
  const canEdit = hasAnyRole(me, CALENDAR_EDIT_ROLES)
  usePageTitle(t('officer.cal.title'))
  const setYear = (y: number) => setParams(y === thisYear ? {} : { nam: String(y) })
  const years = Array.from({ length: 7 }, (_, i) => thisYear - 3 + i)
  if (!years.includes(year)) years.push(year)
  years.sort((a, b) => a - b)

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('officer.cal.title')}
      </Typography.Title>
      <Typography.Paragraph className="cs-muted">{t(canEdit ? 'officer.cal.introEdit' : 'officer.cal.introRead')}</Typography.Paragraph>
      <div className="cs-toolbar">
        <label htmlFor="cal-year" style={{ fontWeight: 600 }}>
          {t('officer.cal.year')}
        </label>
        <Space.Compact>
          <Button
            icon={<LeftOutlined aria-hidden />}
            aria-label={t('officer.cal.prevYear')}
            onClick={() => setYear(year - 1)}
            disabled={year <= 2000}
          />
          <Select
            id="cal-year"
            value={year}
            onChange={setYear}
            options={years.map((y) => ({ value: y, label: String(y) }))}
            style={{ width: 100 }}
          />
          <Button
            icon={<RightOutlined aria-hidden />}
            aria-label={t('officer.cal.nextYear')}
            onClick={() => setYear(year + 1)}
            disabled={year >= 2100}
          />
        </Space.Compact>
        {view.data && (
          <span data-testid="working-days">{t('officer.cal.workingDays', { n: formatNumber(view.data.workingDays, lang), year })}</span>
        )}
      </div>
      {view.error && <Alert type="error" showIcon message={view.error.localized} />}
      {!view.data && !view.error && <PageSpinner />}
      {view.data && (
        <>
          <section aria-labelledby="cal-grid" style={{ marginBottom: 16 }}>
            <Typography.Title level={2} id="cal-grid" style={{ fontSize: 18 }}>
              {t('officer.cal.gridTitle', { year })}
            </Typography.Title>
            <YearGrid view={view.data} />
          </section>
          <Card className="cs-section-card" title={<CardTitle id="cal-overrides">{t('officer.cal.overridesTitle')}</CardTitle>}>
            <p className="cs-muted">{t('officer.cal.overridesIntro')}</p>
            <OverridesTable overrides={view.data.overrides} year={year} canEdit={canEdit} onChanged={view.reload} />
          </Card>
          <Card className="cs-section-card" title={<CardTitle id="cal-holidays">{t('officer.cal.holidaysTitle')}</CardTitle>}>
            <Table<Holiday>
              rowKey={(h) => `${h.date}-${h.name}`}
              size="small"
              pagination={false}
              dataSource={view.data.statutoryHolidays}
              scroll={{ x: 800 }}
              data-testid="holidays-table"
              columns={[
                { title: t('officer.cal.date'), key: 'date', width: 190, render: (_, h) => weekdayDate(h.date) },
                { title: t('officer.cal.holiday'), key: 'name', dataIndex: 'name', width: 280 },
                { title: t('officer.cal.rule'), key: 'rule', dataIndex: 'rule' },
              ]}
            />
          </Card>
          <Card className="cs-section-card" title={<CardTitle id="cal-settings">{t('officer.cal.settingsTitle')}</CardTitle>}>
            <SettingsForm settings={view.data.settings} canEdit={canEdit} onSaved={view.reload} />
          </Card>
          {canEdit && (
            <Card className="cs-section-card" title={<CardTitle id="cal-agency-hours">{t('officer.cal.agencyHoursTitle')}</CardTitle>}>
              <AgencyHoursCard defaults={view.data.settings.officeHours} />
            </Card>
          )}
        </>
      )}
    </>
  )
}
