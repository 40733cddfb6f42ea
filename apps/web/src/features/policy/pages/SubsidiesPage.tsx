import { DownloadOutlined, FormOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Collapse, Empty, Row, Segmented, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { administers, isAnyAdmin } from '../../../lib/administers.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { fetchRules, LEDGER_XLSX_URL, listEntitlements } from '../api.ts';
import { BudgetsCard } from '../components/BudgetsCard.tsx';
import { EntitlementTable, usePaging } from '../components/EntitlementTable.tsx';
import { LedgerPanel } from '../components/LedgerPanel.tsx';
import { RecordEventCard } from '../components/RecordEventCard.tsx';
import { RuleList } from '../components/RuleList.tsx';
import { TrialPanel } from '../components/TrialPanel.tsx';
import { VersionEditor } from '../components/VersionEditor.tsx';

/** 政策奖补: the rules with their sources; the trial, my entitlements and the application queue. */
export function SubsidiesPage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const admin = isAnyAdmin(me);
  const member = !!me && me.organizations.length > 0;
  useEffect(() => {
    document.title = `${t('pol.title')} · 科转通`;
  }, [t]);
  const tab = params.get('tab') ?? 'rules';
  const items = [
    { key: 'rules', label: t('pol.tab.rules'), children: <RulesPanel /> },
    ...(member ? [{ key: 'mine', label: t('pol.tab.mine'), children: <MinePanel /> }] : []),
    ...(admin ? [{ key: 'trial', label: t('pol.tab.trial'), children: <TrialPanel /> }] : []),
    ...(admin ? [{ key: 'queue', label: t('pol.tab.queue'), children: <QueuePanel defaultJurisdiction={me?.adminOf[0]?.code ?? '371000'} /> }] : []),
    ...(admin ? [{ key: 'ledger', label: t('pol.tab.ledger'), children: <LedgerPanel /> }] : []),
  ];
  return (
    <div className="container stack" data-testid="subsidies-page">
      <div className="page-header" style={{ marginBottom: 0 }}>
        <h1>{t('pol.title')}</h1>
        <p>{t('pol.lead')}</p>
      </div>
      {!me && <Alert type="info" showIcon message={t('pol.signIn')} />}
      <Tabs activeKey={items.some((i) => i.key === tab) ? tab : 'rules'} onChange={(k) => setParams(k === 'rules' ? {} : { tab: k }, { replace: true })} items={items} destroyOnHidden />
    </div>
  );
}

function RulesPanel() {
  const { t } = useI18n();
  const { me } = useAuth();
  const res = useAsync((signal) => fetchRules(undefined, signal), []);
  const places = useMemo(() => {
    const m = new Map<string, string>();
    for (const p of res.data?.packs ?? []) m.set(p.jurisdiction, p.jurisdictionName);
    return [...m.entries()];
  }, [res.data]);
  const [place, setPlace] = useState<string | null>(null);
  // An administrator opens on their own jurisdiction's rules, a member of an organisation on the nearest
  // pack above it (榆次区 140702 → 晋中市 140700), anyone else on 威海's.
  const has = (c: string) => places.some(([p]) => p === c);
  const above = (c: string) => [c, `${c.slice(0, 4)}00`, `${c.slice(0, 2)}0000`];
  const own = me?.adminOf.map((a) => a.code).find(has) ?? me?.organizations.flatMap((o) => above(o.jurisdictionCode)).find(has);
  const current = place ?? own ?? places.find(([c]) => c === '371000')?.[0] ?? places[0]?.[0] ?? null;
  if (res.loading) return <Spin />;
  const versions = (res.data?.packs ?? []).filter((p) => p.jurisdiction === current).reverse();
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <div style={{ overflowX: 'auto' }}>
        <Segmented value={current ?? ''} onChange={(v) => setPlace(String(v))} options={places.map(([code, name]) => ({ value: code, label: name }))} data-testid="rules-jurisdiction" />
      </div>
      {versions[0] && current && me && administers(me, current) && <VersionEditor current={versions[0]} onPublished={() => void res.reload()} />}
      {versions.length === 0 && <Empty />}
      {versions.map((v, i) => (
        <Card
          key={v.id}
          title={
            <Space wrap style={{ whiteSpace: 'normal', padding: '6px 0' }}>
              <span>{v.name}</span>
              <Tag>{t('pol.version', { v: v.version })}</Tag>
              {i === 0 && <Tag color="green">{t('pol.current')}</Tag>}
              <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>
                {t('pol.valid', { from: v.validFrom, to: v.validTo ?? t('pol.validOpen') })} · {t('pol.rulesCount', { n: v.rules.length })}
              </Typography.Text>
            </Space>
          }
          size="small"
        >
          <RuleList rules={v.rules} budgetLines={v.budgetLines} quotesSimplified={v.quotesSimplified} />
        </Card>
      ))}
    </Space>
  );
}


/**
 * 我的奖补: the entitlements of the caller's organisations, as the server
 * says (`scope=mine`, by each entitlement's `beneficiaryOrganizationId`), so a
 * researcher's reward shows for the university that applies for it.
 */
function MinePanel() {
  const { t } = useI18n();
  const paging = usePaging(null);
  const res = useAsync((signal) => listEntitlements({ scope: 'mine', page: paging.page, pageSize: paging.pageSize }, signal), [paging.page, paging.pageSize]);
  return (
    <EntitlementTable
      items={res.data?.items ?? []}
      loading={res.loading}
      admin={false}
      onChanged={() => void res.reload()}
      emptyText={t('pol.mine.empty')}
      paging={{ ...paging, total: res.data?.total ?? 0 }}
    />
  );
}

function QueuePanel({ defaultJurisdiction }: { defaultJurisdiction: string }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<'applied' | 'returned' | 'approved' | 'all'>('applied');
  const [changes, setChanges] = useState(0);
  const paging = usePaging(status);
  const res = useAsync((signal) => listEntitlements({ scope: 'administered', page: paging.page, pageSize: paging.pageSize, ...(status === 'all' ? {} : { status }) }, signal), [status, changes, paging.page, paging.pageSize]);
  return (
    <Row gutter={[20, 20]}>
      <Col span={24}>
        <Card title={t('pol.tab.queue')}>
          {/* The filters and the tools sit in the body, so a phone shows them with the title. */}
          <Space wrap style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
            <Segmented
              value={status}
              onChange={(v) => setStatus(v as typeof status)}
              data-testid="queue-status"
              options={[
                { value: 'applied', label: t('pol.status.applied') },
                { value: 'returned', label: t('pol.status.returned') },
                { value: 'approved', label: t('pol.status.approved') },
                { value: 'all', label: t('pol.all') },
              ]}
            />
            <Space wrap>
              <Link to="/subsidies/records" data-testid="records-link">
                <Button icon={<FormOutlined />}>{t('pol.rec.title')}</Button>
              </Link>
              <Button href={LEDGER_XLSX_URL} icon={<DownloadOutlined />} data-testid="ledger-export">
                {t('pol.ledger')}
              </Button>
            </Space>
          </Space>
          <EntitlementTable items={res.data?.items ?? []} loading={res.loading} admin onChanged={() => setChanges((n) => n + 1)} emptyText={t('pol.queue.empty')} paging={{ ...paging, total: res.data?.total ?? 0 }} />
        </Card>
      </Col>
      <Col span={24}>
        <BudgetsCard defaultJurisdiction={defaultJurisdiction} changes={changes} />
      </Col>
      <Col span={24}>
        <Collapse items={[{ key: 'json', label: t('pol.record.advanced'), children: <RecordEventCard onRecorded={() => setChanges((n) => n + 1)} /> }]} />
      </Col>
    </Row>
  );
}
