import { PlusOutlined } from '@ant-design/icons';
import { ACHIEVEMENT_TYPES, MATURITY_LEVELS, ORGANIZATION_TYPES, TRANSFER_MODES } from '@kzt/shared';
import { Button, Card, Slider, Space, Tag } from 'antd';
import { useEffect } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { formatDate } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { CatalogueShell, FacetGroup, useUrlState } from '../../catalogue/components/CatalogueShell.tsx';
import { JurisdictionFacet, PriceRangeFacet, PublishedRangeFacet, dayParam, fenParam, jurisdictionParam } from '../../catalogue/components/CatalogueFilters.tsx';
import { ConfidentialityTag, Highlighted, StaleTag, useCatalogueLabels } from '../../catalogue/labels.tsx';
import { listAchievements, type Achievement } from '../api.ts';
import { canRegisterAchievement } from '../owners.ts';
import { searchText } from '../../../lib/search.ts';

const PAGE_SIZE = 10;

export function AchievementListPage() {
  const { t } = useI18n();
  const L = useCatalogueLabels();
  const { me } = useAuth();
  const navigate = useNavigate();
  const { params, update, list, reset } = useUrlState();
  const q = searchText(params);
  const page = Number(params.get('page') ?? '1') || 1;
  const sort = params.get('sort') === 'date' ? 'date' : 'relevance';
  const [mMin, mMax] = (params.get('maturity') ?? '1-9').split('-').map(Number) as [number, number];
  const industry = list('industry');
  const type = list('type');
  const transferMode = list('transferMode');
  const ownerType = list('ownerType');
  const maturitySet = mMin > 1 || mMax < 9;
  const priceMin = fenParam(params.get('priceMin'));
  const priceMax = fenParam(params.get('priceMax'));
  const jurisdictionCode = jurisdictionParam(params.get('jurisdictionCode'));
  const publishedFrom = dayParam(params.get('publishedFrom'));
  const publishedTo = dayParam(params.get('publishedTo'));

  useEffect(() => {
    document.title = `${t('nav.achievements')} · 科转通`;
  }, [t]);

  const key = params.toString();
  const res = useAsync(
    (signal) =>
      listAchievements(
        {
          q: q || undefined,
          industry: industry.join(',') || undefined,
          type: type.join(',') || undefined,
          transferMode: transferMode.join(',') || undefined,
          ownerType: ownerType.join(',') || undefined,
          maturityMin: mMin > 1 ? mMin : undefined,
          maturityMax: mMax < 9 ? mMax : undefined,
          priceMin,
          priceMax,
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
  const active =
    industry.length +
    type.length +
    transferMode.length +
    ownerType.length +
    (maturitySet ? 1 : 0) +
    (priceMin !== undefined || priceMax !== undefined ? 1 : 0) +
    (jurisdictionCode ? 1 : 0) +
    (publishedFrom || publishedTo ? 1 : 0);

  return (
    <CatalogueShell
      title={t('nav.achievements')}
      lead={t('ach.list.lead')}
      actions={
        canRegisterAchievement(me) && (
          <Space wrap>
            <Button onClick={() => navigate('/me/achievements')}>{t('ach.mine')}</Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/achievements/new')} data-testid="achievement-new">
              {t('ach.new')}
            </Button>
          </Space>
        )
      }
      query={q}
      onSearch={(v) => update({ q: v || undefined })}
      searchPlaceholder={t('ach.search.placeholder')}
      activeFilters={active}
      onReset={reset}
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
          <FacetGroup title={t('cat.field.industry')} name="industry" facet={facets?.industry} selected={industry} label={L.industry} onChange={(v) => update({ industry: v.join(',') })} />
          <div className="facet" data-testid="facet-maturity">
            <div className="facet-title">
              {t('ach.field.maturity')}
              <span className="muted facet-range">
                {mMin === mMax ? L.maturityShort(mMin) : `${mMin}–${mMax}`}
              </span>
            </div>
            <Slider
              range
              min={1}
              max={9}
              marks={Object.fromEntries(Object.keys(MATURITY_LEVELS).map((k) => [k, k]))}
              defaultValue={[mMin, mMax]}
              key={`${mMin}-${mMax}`}
              tooltip={{ formatter: (v) => (v ? L.maturityShort(v) : '') }}
              onChangeComplete={(v) => {
                const [a, b] = v as number[];
                update({ maturity: a === 1 && b === 9 ? undefined : `${a}-${b}` });
              }}
            />
          </div>
          <PriceRangeFacet min={priceMin} max={priceMax} onApply={(a, b) => update({ priceMin: a, priceMax: b })} />
          <JurisdictionFacet value={jurisdictionCode} onChange={(v) => update({ jurisdictionCode: v })} />
          <PublishedRangeFacet from={publishedFrom} to={publishedTo} onChange={(a, b) => update({ publishedFrom: a, publishedTo: b })} />
          <FacetGroup title={t('ach.field.type')} name="type" facet={facets?.type} selected={type} label={L.type} all={ACHIEVEMENT_TYPES} onChange={(v) => update({ type: v.join(',') })} />
          <FacetGroup title={t('ach.field.transferModes')} name="transferMode" facet={facets?.transferMode} selected={transferMode} label={L.transferMode} all={TRANSFER_MODES} onChange={(v) => update({ transferMode: v.join(',') })} />
          <FacetGroup
            title={t('cat.field.ownerType')}
            name="ownerType"
            facet={facets?.ownerType}
            selected={ownerType}
            label={L.ownerType}
            all={ORGANIZATION_TYPES.filter((o) => ['university', 'institute', 'rnd_institution', 'enterprise', 'agency'].includes(o))}
            onChange={(v) => update({ ownerType: v.join(',') })}
          />
        </>
      }
    >
      {data?.items.map((a) => <AchievementCard key={a.id} a={a} />)}
    </CatalogueShell>
  );
}

export function AchievementCard({ a }: { a: Achievement }) {
  const { t } = useI18n();
  const L = useCatalogueLabels();
  return (
    <Card className="record-card" size="small" data-testid="achievement-card">
      <h3 className="record-title">
        <Link to={`/achievements/${a.id}`}>
          <Highlighted segments={a.highlight?.title} fallback={a.title} />
        </Link>
      </h3>
      <div className="record-tags">
        <ConfidentialityTag value={a.confidentiality} restricted={a.restricted} />
        {a.stale && <StaleTag />}
        <Tag color="blue">{L.industry(a.industry)}</Tag>
        <Tag color="cyan">{L.maturityShort(a.maturity)}</Tag>
        {a.type && <Tag>{L.type(a.type)}</Tag>}
        {!a.restricted && a.price !== undefined && (
          <Tag color="gold" data-testid="price-tag">
            {L.money(a.price)}
          </Tag>
        )}
        {a.transferModes?.map((m) => (
          <Tag key={m} bordered={false}>
            {L.transferMode(m)}
          </Tag>
        ))}
      </div>
      <p className="record-snippet">
        <Highlighted segments={a.highlight?.summary} fallback={a.summary || t('cat.noSummary')} />
      </p>
      <div className="record-meta">
        <span>{a.organization.name}</span>
        {a.publishedAt && <span>{t('cat.publishedAt', { date: formatDate(a.publishedAt) })}</span>}
      </div>
    </Card>
  );
}
