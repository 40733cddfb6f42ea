import { FileExcelOutlined, PlusOutlined, ReloadOutlined, TrophyOutlined } from '@ant-design/icons';
import { CHALLENGE_SCHEMES, CHALLENGE_STATUSES, PUBLIC_CHALLENGE_STATUSES, type ChallengeScheme, type ChallengeStatus } from '@kzt/shared';
import { Alert, Button, Card, Col, Empty, Input, Pagination, Row, Select, Space, Spin, Tabs, Tag } from 'antd';
import { useEffect } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { useUrlState } from '../../catalogue/components/CatalogueShell.tsx';
import { boardExportUrl, iso, listChallenges, type ChallengeSummary } from '../api.ts';
import { REGIONS, SchemeTag, StatusTag, useChallengeLabels } from '../labels.tsx';
import { isAnyAdmin } from '../../../lib/administers.ts';

const PAGE_SIZE = 12;
const oneOf = <T extends string>(all: readonly T[], v: string | null): T | undefined => (v && (all as readonly string[]).includes(v) ? (v as T) : undefined);

/** 揭榜挂帅 board: public challenges with filters; tabs for one's own and, for administrators, the review queue. */
export function ChallengeBoardPage() {
  const { t, lang } = useI18n();
  const L = useChallengeLabels();
  const { me } = useAuth();
  const navigate = useNavigate();
  const { params, update, reset } = useUrlState();
  const scope = (me && oneOf(['mine', 'review'] as const, params.get('scope'))) || 'board';
  const scheme = oneOf<ChallengeScheme>(CHALLENGE_SCHEMES, params.get('scheme'));
  const status = oneOf<ChallengeStatus>(CHALLENGE_STATUSES, params.get('status'));
  const jurisdiction = params.get('jurisdiction') ?? undefined;
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const admin = isAnyAdmin(me);

  useEffect(() => {
    document.title = `${t('ch.board.title')} · 科转通`;
  }, [t]);

  const res = useAsync((signal) => listChallenges({ scope, scheme, status, jurisdiction, q: q || undefined, page, pageSize: PAGE_SIZE }, signal), [params.toString(), scope]);
  const items = res.data?.items ?? [];

  return (
    <div className="container stack" data-testid="challenge-board">
      <div className="page-header page-header-row" style={{ marginBottom: 0 }}>
        <div>
          <h1>{t('ch.board.title')}</h1>
          <p>{t('ch.board.lead')}</p>
        </div>
        {me && (
          <Space wrap>
            {admin && (
              <Button icon={<FileExcelOutlined />} href={boardExportUrl({ scheme, status, jurisdiction, q })} title={t('ch.export.boardHint')} data-testid="challenge-board-export">
                {t('ch.export.board')}
              </Button>
            )}
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/challenges/new')} data-testid="challenge-post">
              {t('ch.board.post')}
            </Button>
          </Space>
        )}
      </div>
      {me && (
        <Tabs
          activeKey={scope}
          onChange={(k) => update({ scope: k === 'board' ? undefined : k, status: undefined })}
          items={[
            { key: 'board', label: t('ch.board.tab.all') },
            { key: 'mine', label: t('ch.board.tab.mine') },
            ...(admin ? [{ key: 'review', label: t('ch.board.tab.review') }] : []),
          ]}
          style={{ marginBottom: -12 }}
        />
      )}
      <Card size="small">
        <Row gutter={[12, 12]}>
          <Col xs={24} lg={9}>
            <Input.Search key={q} defaultValue={q} allowClear enterButton={t('common.search')} placeholder={t('ch.board.search')} onSearch={(v) => update({ q: v.trim() || undefined })} data-testid="challenge-search" />
          </Col>
          <Col xs={12} sm={8} lg={5}>
            <Select<ChallengeScheme> allowClear value={scheme} placeholder={t('ch.field.scheme')} onChange={(v) => update({ scheme: v })} options={CHALLENGE_SCHEMES.map((s) => ({ value: s, label: L.scheme(s) }))} style={{ width: '100%' }} data-testid="challenge-scheme" />
          </Col>
          <Col xs={12} sm={8} lg={5}>
            <Select<ChallengeStatus> allowClear value={status} placeholder={t('ch.field.status')} onChange={(v) => update({ status: v })} options={(scope === 'board' ? PUBLIC_CHALLENGE_STATUSES : CHALLENGE_STATUSES).map((s) => ({ value: s, label: L.status(s) }))} style={{ width: '100%' }} />
          </Col>
          <Col xs={24} sm={8} lg={5}>
            <Select<string> allowClear value={jurisdiction} placeholder={t('ch.field.region')} onChange={(v) => update({ jurisdiction: v })} options={REGIONS.map((r) => ({ value: r.code, label: r.name[lang] }))} style={{ width: '100%' }} data-testid="challenge-region" />
          </Col>
        </Row>
        <div className="hall-bar">
          <span className="muted">{t('cat.results', { total: res.data?.total ?? 0 })}</span>
          <Space>
            {(q || scheme || status || jurisdiction) && (
              <Button size="small" type="link" onClick={reset}>
                {t('cat.filters.clear')}
              </Button>
            )}
            <Button size="small" icon={<ReloadOutlined />} onClick={() => void res.reload()}>
              {t('common.refresh')}
            </Button>
          </Space>
        </div>
      </Card>
      {res.error instanceof ApiError && <Alert type="error" showIcon title={res.error.detail} />}
      <Spin spinning={res.loading}>
        {items.length === 0 && !res.loading ? (
          <Card>
            <Empty description={t('ch.board.empty')} />
          </Card>
        ) : (
          <Row gutter={[16, 16]} data-testid="challenge-list">
            {items.map((c) => (
              <Col xs={24} md={12} xl={8} key={c.id}>
                <ChallengeCard c={c} />
              </Col>
            ))}
          </Row>
        )}
      </Spin>
      {(res.data?.total ?? 0) > PAGE_SIZE && (
        <div className="result-pagination">
          <Pagination current={page} pageSize={PAGE_SIZE} total={res.data?.total ?? 0} showSizeChanger={false} onChange={(p) => update({ page: p === 1 ? undefined : p })} />
        </div>
      )}
    </div>
  );
}

function ChallengeCard({ c }: { c: ChallengeSummary }) {
  const { t } = useI18n();
  const L = useChallengeLabels();
  return (
    <Card className="listing-card" data-testid="challenge-card" data-id={c.id}>
      <div className="record-tags">
        <SchemeTag scheme={c.scheme} />
        {c.kind && <Tag>{L.kind(c.kind)}</Tag>}
        <StatusTag c={c} />
      </div>
      <h3 className="listing-card-title">
        <Link to={`/challenges/${c.id}`}>{c.title}</Link>
      </h3>
      <div className="record-meta">
        <span>{c.organization?.name ?? c.jurisdiction.name}</span>
        <span>{c.jurisdiction.name}</span>
      </div>
      {c.winners.length > 0 && (
        <div style={{ marginTop: 4 }} data-testid="challenge-card-winners">
          <TrophyOutlined /> <span className="muted">{t('ch.board.winners')}</span>{' '}
          {c.winners.map((w, i) => (
            <span key={i}>
              {i > 0 && '、'}
              {w.organizationName} <strong>{L.money(w.amount)}</strong>
            </span>
          ))}
        </div>
      )}
      <div className="listing-card-price">
        <div>
          <div className="muted listing-card-price-label">{t('ch.field.bounty')}</div>
          <strong className="price listing-price">{L.money(c.bounty)}</strong>
        </div>
        <div className="listing-card-time">
          <div className="muted">{t('ch.field.deadline')}</div>
          <div>{formatDateTime(iso(c.deadline))}</div>
          <div className="muted">
            {t('ch.field.bids')} {c.bidCount}
          </div>
        </div>
      </div>
    </Card>
  );
}
