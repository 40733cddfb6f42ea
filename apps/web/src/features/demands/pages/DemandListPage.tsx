import { PlusOutlined } from '@ant-design/icons';
import { TRANSFER_MODES } from '@kzt/shared';
import { Button, Card, Checkbox, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { formatDate } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { canPostDemand } from '../../achievements/owners.ts';
import { CatalogueShell, FacetGroup, useUrlState } from '../../catalogue/components/CatalogueShell.tsx';
import { MoneyInput } from '../../catalogue/components/MoneyInput.tsx';
import { JurisdictionFacet, PublishedRangeFacet, dayParam, fenParam, jurisdictionParam } from '../../catalogue/components/CatalogueFilters.tsx';
import { ConfidentialityTag, Highlighted, StaleTag, useCatalogueLabels } from '../../catalogue/labels.tsx';
import { listDemands, type Demand } from '../api.ts';
import { searchText } from '../../../lib/search.ts';

const PAGE_SIZE = 10;

export function DemandListPage() {
  const { t } = useI18n();
  const L = useCatalogueLabels();
  const { me } = useAuth();
  const navigate = useNavigate();
  const { params, update, list, reset } = useUrlState();
  const q = searchText(params);
  const page = Number(params.get('page') ?? '1') || 1;
  const sort = params.get('sort') === 'date' ? 'date' : 'relevance';
  const industry = list('industry');
  const cooperationMode = list('cooperationMode');
  const ownerType = list('ownerType');
  const commonProblem = params.get('commonProblem') === 'true';
  const budgetMin = fenParam(params.get('budgetMin'));
  const budgetMax = fenParam(params.get('budgetMax'));
  const jurisdictionCode = jurisdictionParam(params.get('jurisdictionCode'));
  const publishedFrom = dayParam(params.get('publishedFrom'));
  const publishedTo = dayParam(params.get('publishedTo'));
  const [bMin, setBMin] = useState<number | null>(budgetMin ?? null);
  const [bMax, setBMax] = useState<number | null>(budgetMax ?? null);
  // Follow the URL when it changes under the inputs (back/forward, 清除筛选).
  useEffect(() => setBMin(budgetMin ?? null), [budgetMin]);
  useEffect(() => setBMax(budgetMax ?? null), [budgetMax]);

  useEffect(() => {
    document.title = `${t('nav.demands')} · 科转通`;
  }, [t]);

  const key = params.toString();
  const res = useAsync(
    (signal) =>
      listDemands(
        {
          q: q || undefined,
          industry: industry.join(',') || undefined,
          cooperationMode: cooperationMode.join(',') || undefined,
          ownerType: ownerType.join(',') || undefined,
          commonProblem: commonProblem ? 'true' : undefined,
          budgetMin,
          budgetMax,
          jurisdictionCode,
          publishedFrom,
          publishedTo,
          sort: q ? sort : 'date',
          page,
          pageSize: PAGE_SIZE,
        },
        signal,
      ),
    [key],
  );
  const data = res.data;
  const facets = data?.facets;
  const cpCount = facets?.commonProblem.find((f) => f.value === 'true')?.count ?? 0;
  const active =
    industry.length +
    cooperationMode.length +
    ownerType.length +
    (commonProblem ? 1 : 0) +
    (budgetMin !== undefined || budgetMax !== undefined ? 1 : 0) +
    (jurisdictionCode ? 1 : 0) +
    (publishedFrom || publishedTo ? 1 : 0);

  return (
    <CatalogueShell
      title={t('nav.demands')}
      lead={t('dem.list.lead')}
      actions={
        canPostDemand(me) && (
          <Space wrap>
            <Button onClick={() => navigate('/me/demands')}>{t('dem.mine')}</Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/demands/new')} data-testid="demand-new">
              {t('dem.new')}
            </Button>
          </Space>
        )
      }
      query={q}
      onSearch={(v) => update({ q: v || undefined })}
      searchPlaceholder={t('dem.search.placeholder')}
      activeFilters={active}
      onReset={() => {
        setBMin(null);
        setBMax(null);
        reset();
      }}
      sort={q ? sort : 'date'}
      onSort={(s) => update({ sort: s === 'relevance' ? undefined : s }, true)}
      total={data?.total ?? 0}
      page={page}
      pageSize={PAGE_SIZE}
      onPage={(p) => update({ page: p === 1 ? undefined : p })}
      relaxed={!!data?.relaxed}
      loading={res.loading}
      error={res.error}
      empty={(data?.items.length ?? 0) === 0}
      filters={
        <>
          <div className="facet" data-testid="facet-commonProblem">
            <Checkbox checked={commonProblem} onChange={(e) => update({ commonProblem: e.target.checked ? 'true' : undefined })}>
              <span className="facet-label">{t('dem.commonProblem.only')}</span>
              <span className="facet-count">{cpCount}</span>
            </Checkbox>
          </div>
          <FacetGroup title={t('cat.field.industry')} name="industry" facet={facets?.industry} selected={industry} label={L.industry} onChange={(v) => update({ industry: v.join(',') })} />
          <FacetGroup title={t('dem.field.cooperationModes')} name="cooperationMode" facet={facets?.cooperationMode} selected={cooperationMode} label={L.transferMode} all={TRANSFER_MODES} onChange={(v) => update({ cooperationMode: v.join(',') })} />
          <FacetGroup title={t('cat.field.ownerType')} name="ownerType" facet={facets?.ownerType} selected={ownerType} label={L.ownerType} onChange={(v) => update({ ownerType: v.join(',') })} />
          <div className="facet">
            <div className="facet-title">{t('dem.field.budget')}</div>
            <Space orientation="vertical" size={6} style={{ width: '100%' }}>
              <MoneyInput value={bMin} onChange={setBMin} placeholder={t('dem.budget.min')} echo={false} />
              <MoneyInput value={bMax} onChange={setBMax} placeholder={t('dem.budget.max')} echo={false} />
              <Button size="small" block onClick={() => update({ budgetMin: bMin ?? undefined, budgetMax: bMax ?? undefined })}>
                {t('cat.filters.apply')}
              </Button>
              <div className="muted facet-hint" data-testid="filter-abstract-hint">{t('cat.filter.abstractHint')}</div>
            </Space>
          </div>
          <JurisdictionFacet value={jurisdictionCode} onChange={(v) => update({ jurisdictionCode: v })} />
          <PublishedRangeFacet from={publishedFrom} to={publishedTo} onChange={(a, b) => update({ publishedFrom: a, publishedTo: b })} />
        </>
      }
    >
      {data?.items.map((d) => <DemandCard key={d.id} d={d} />)}
    </CatalogueShell>
  );
}

/** "50 万元 – 100 万元", "≥ 50 万元", or 面议. */
export function useBudgetText() {
  const L = useCatalogueLabels();
  return (min?: number | null, max?: number | null) => {
    if (min != null && max != null) return min === max ? L.money(min) : `${L.money(min)} – ${L.money(max)}`;
    if (min != null) return `≥ ${L.money(min)}`;
    if (max != null) return `≤ ${L.money(max)}`;
    return L.money(null);
  };
}

export function DemandCard({ d }: { d: Demand }) {
  const { t } = useI18n();
  const L = useCatalogueLabels();
  const budget = useBudgetText();
  return (
    <Card className="record-card" size="small" data-testid="demand-card">
      <h3 className="record-title">
        <Link to={`/demands/${d.id}`}>
          <Highlighted segments={d.highlight?.title} fallback={d.title} />
        </Link>
      </h3>
      <div className="record-tags">
        {d.commonProblem && (
          <Tag color="volcano" data-testid="common-problem-tag">
            {t('dem.commonProblem')}
          </Tag>
        )}
        <ConfidentialityTag value={d.confidentiality} restricted={d.restricted} />
        {d.stale && <StaleTag />}
        <Tag color="blue">{L.industry(d.industry)}</Tag>
        {!d.restricted && <Tag color="gold">{t('dem.budgetTag', { budget: budget(d.budgetMin, d.budgetMax) })}</Tag>}
        {d.deadline && <Tag>{t('dem.deadlineTag', { date: d.deadline })}</Tag>}
        {d.cooperationModes?.map((m) => (
          <Tag key={m} bordered={false}>
            {L.transferMode(m)}
          </Tag>
        ))}
      </div>
      <p className="record-snippet">
        <Highlighted segments={d.highlight?.description} fallback={d.description || t('cat.noSummary')} />
      </p>
      <div className="record-meta">
        <span>{d.organization.name}</span>
        {d.publishedAt && <span>{t('cat.publishedAt', { date: formatDate(d.publishedAt) })}</span>}
      </div>
    </Card>
  );
}
