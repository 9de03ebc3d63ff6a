import { useState } from 'react'
import { Alert, Button, Col, Form, Input, Row, Table, type FormInstance } from 'antd'
import { Applicant } from '@congso/contracts'
import { ApiError, get } from '../../../api/client.ts'
import { useI18n } from '../../../i18n/index.tsx'
import { zodRule } from '../../../lib/forms.ts'
import type { IntakeValues } from './intakeModel.ts'
import type { ApplicantMatchT } from './types.ts'

const APPLICANT_FIELDS = ['fullName', 'idNumber', 'phone', 'email', 'address'] as const

/**
 * The applicant at the counter: look them up by CCCD, phone or name (citizen accounts and earlier
 * dossiers) to fill the fields, or type a new applicant. Each field is checked with the contracts'
 * `Applicant` schema.
 */
export function IntakeApplicant({ form }: { form: FormInstance<IntakeValues> }) {
  const { t } = useI18n()
  const [term, setTerm] = useState('')
  const [matches, setMatches] = useState<ApplicantMatchT[] | null>(null)
  const [searching, setSearching] = useState(false)
  const [searchError, setSearchError] = useState<string | null>(null)

  const search = async (q: string) => {
    const v = q.trim()
    if (v.length < 3) {
      setSearchError(t('officer.intake.searchMin'))
      setMatches(null)
      return
    }
    setSearching(true)
    setSearchError(null)
    try {
      setMatches(await get<ApplicantMatchT[]>('/officer/applicants', { q: v }))
    } catch (e) {
      setSearchError(e instanceof ApiError ? e.localized : t('common.error'))
      setMatches(null)
    } finally {
      setSearching(false)
    }
  }

  const pick = (m: ApplicantMatchT) => {
    form.setFieldsValue({
      applicant: { fullName: m.fullName, idNumber: m.idNumber, phone: m.phone ?? '', email: m.email ?? '', address: m.address ?? '' },
    })
    void form
      .validateFields([
        ['applicant', 'fullName'],
        ['applicant', 'idNumber'],
      ])
      .catch(() => undefined)
    setMatches(null)
  }

  const shape = Applicant.shape
  return (
    <>
      <div style={{ maxWidth: 560, marginBottom: 16 }}>
        <label htmlFor="applicant-search" style={{ display: 'block', fontWeight: 600, marginBottom: 4 }}>
          {t('officer.intake.search')}
        </label>
        <Input.Search
          id="applicant-search"
          value={term}
          onChange={(e) => setTerm(e.target.value)}
          onSearch={(v) => void search(v)}
          enterButton={t('officer.intake.searchButton')}
          loading={searching}
          autoComplete="off"
          aria-describedby="applicant-search-help"
        />
        <div id="applicant-search-help" className="cs-muted" style={{ fontSize: 13, marginTop: 4 }}>
          {t('officer.intake.searchHelp')}
        </div>
      </div>
      {searchError && <Alert type="warning" showIcon message={searchError} style={{ marginBottom: 12 }} />}
      {matches && matches.length === 0 && (
        <Alert type="info" showIcon role="status" message={t('officer.intake.noMatch')} style={{ marginBottom: 12 }} />
      )}
      {matches && matches.length > 0 && (
        <Table<ApplicantMatchT>
          rowKey="userId"
          size="small"
          pagination={false}
          style={{ marginBottom: 16 }}
          data-testid="applicant-matches"
          dataSource={matches}
          scroll={{ x: 700 }}
          columns={[
            { title: t('officer.applicant.fullName'), dataIndex: 'fullName', key: 'name' },
            {
              title: t('officer.applicant.idNumber'),
              dataIndex: 'idNumber',
              key: 'id',
              render: (v: string) => <span className="cs-mono">{v}</span>,
            },
            { title: t('officer.applicant.phone'), dataIndex: 'phone', key: 'phone', render: (v: string | null) => v ?? t('common.none') },
            {
              title: t('officer.applicant.address'),
              dataIndex: 'address',
              key: 'address',
              render: (v: string | null) => v ?? t('common.none'),
            },
            {
              title: t('common.actions'),
              key: 'pick',
              width: 110,
              render: (_, m) => (
                <Button size="small" onClick={() => pick(m)} aria-label={t('officer.intake.pickOf', { name: m.fullName })}>
                  {t('officer.intake.pick')}
                </Button>
              ),
            },
          ]}
        />
      )}
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            name={['applicant', 'fullName']}
            label={t('officer.applicant.fullName')}
            rules={[{ required: true }, zodRule(shape.fullName)]}
          >
            <Input maxLength={200} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name={['applicant', 'idNumber']}
            label={t('officer.applicant.idNumber')}
            rules={[{ required: true }, zodRule(shape.idNumber)]}
          >
            <Input inputMode="numeric" maxLength={12} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={['applicant', 'phone']} label={t('officer.applicant.phone')} rules={[{ required: true }, zodRule(shape.phone)]}>
            <Input inputMode="tel" maxLength={15} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={['applicant', 'email']} label={t('officer.applicant.email')} rules={[zodRule(shape.email)]}>
            <Input type="email" maxLength={200} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item
            name={['applicant', 'address']}
            label={t('officer.applicant.address')}
            rules={[{ required: true }, zodRule(shape.address)]}
          >
            <Input maxLength={500} autoComplete="off" />
          </Form.Item>
        </Col>
      </Row>
      <Button onClick={() => form.resetFields(APPLICANT_FIELDS.map((f) => ['applicant', f]))}>{t('officer.intake.clearApplicant')}</Button>
    </>
  )
}
