import { DownloadOutlined, EditOutlined, FundProjectionScreenOutlined, InfoCircleOutlined } from '@ant-design/icons';
import { CONTRACT_KIND_LABELS, formatStatAmount, INDUSTRY_SECTIONS, targetSourceOf, ORGANIZATION_TYPE_LABELS, type StatsRecordLink, TARGET_KEYS, TARGET_UNITS, UNTRACKED_FIGURES, type IndustryFigures, type StatsDto, type StatsFigures, type StatsGrouping, type StatsMetric, type TargetKey, type TargetsDto } from '@kzt/shared';
import { Alert, Button, Card, Col, DatePicker, Drawer, Empty, Form, Input, Modal, Progress, Row, Segmented, Select, Skeleton, Space, Statistic, Switch, Table, Tag, Tooltip } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n, type MessageKey } from '../../../i18n/index.tsx';
import { percentToBp, wanToFen } from '../../../lib/money.ts';
import { NumberInput } from '../../../lib/NumberInput.tsx';
import { parseTypedNumber } from '../../../lib/numbers.ts';
import { useFormModal } from '../../../lib/useFormModal.tsx';
import { dayjs } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { JurisdictionSelect } from '../../jurisdictions/components/JurisdictionSelect.tsx';
import { fetchFlows, fetchPublicStats, fetchStats, fetchStatsRecords, fetchTargets, fetchTopOrganizations, saveTargets, statsExportUrl, statsRecordsExportUrl, type StatsParams } from '../api.ts';

// The Sankey piece of ECharts is loaded with the flows chart, only when an administrator's dashboard shows it.
const FlowsChart = lazy(() => import('../components/FlowsChart.tsx'));
import { EChart, type ClickedItem, type EChartOption } from '../components/EChart.tsx';

const percent = (x: number | null) => (x === null ? null : `${(x * 100).toFixed(1)}%`);

/** What a click opens: the records of a metric, narrowed to a kind, a party or a flow when it says so. */
export type Drill = { title: string; metric: StatsMetric; jurisdiction?: string; kind?: string; seller?: string; buyer?: string; sellerIn?: string; buyerIn?: string; from?: string; to?: string };
/** A part of a figure that opens its own records (a contract kind, a deal's pricing, an organisation type, what is committed beside what is paid). */
type Part = { text: string; metric: StatsMetric; kind?: string };
type Figure = { key: string; label: MessageKey; value: string | null; sub?: string; metric?: StatsMetric; kind?: string; definition: string; against?: { percent: number; label: string }; parts?: Part[]; change?: { text: string; up: boolean | null; before: string } };

/** The counts and amounts that compare with the same period a year before (同比), by card. */
const COMPARED: Record<string, { of: (f: StatsFigures) => number; money?: boolean }> = {
  contracts: { of: (f) => f.contracts.count },
  contractAmount: { of: (f) => f.contracts.contractAmount, money: true },
  localAbsorbed: { of: (f) => f.localAbsorbed.count },
  output: { of: (f) => f.output.count },
  input: { of: (f) => f.input.count },
  achievementsPublished: { of: (f) => f.achievementsPublished },
  achievementsConverted: { of: (f) => f.achievementsConverted },
  demandsPosted: { of: (f) => f.demandsPosted },
  demandsMet: { of: (f) => f.demandsMet },
  matchesPushed: { of: (f) => f.matches.pushed },
  deals: { of: (f) => f.deals.count },
  organizationsVerified: { of: (f) => f.organizationsVerified.count },
};

/** Each compared card with its change from the same period a year before: a percentage, or that there was none then. */
function withChange(cards: Figure[], s: StatsDto, t: (k: MessageKey, p?: Record<string, string | number>) => string, lang: 'zh' | 'en'): Figure[] {
  const previous = s.previous;
  if (!previous) return cards;
  return cards.map((c) => {
    const cmp = COMPARED[c.key];
    if (!cmp) return c;
    const [now, before] = [cmp.of(s.figures), cmp.of(previous.figures)];
    // The base beside the change (同比 +15700.0%（上年 1）): a large percentage of a small number is read as such.
    const shown = cmp.money ? formatStatAmount(before, lang) : String(before);
    const beforeText = t('stats.yoy.before', { from: previous.from, to: previous.to, v: shown });
    // Nothing then and nothing now: no change to tell.
    if (!before && !now) return c;
    if (!before) return { ...c, change: { text: t('stats.yoy.noneBefore'), up: null, before: beforeText } };
    const rate = now / before - 1;
    return { ...c, change: { text: t('stats.yoy', { v: `${rate >= 0 ? '+' : ''}${(rate * 100).toFixed(1)}%`, b: shown }), up: rate === 0 ? null : rate > 0, before: beforeText } };
  });
}

const named = (labels: Record<string, { zh: string; en: string }>, k: string, lang: 'zh' | 'en') => labels[k]?.[lang] ?? k;

/** A record kind in words: a contract kind, a deal's pricing, an organisation type, a challenge's scheme, a verdict, an industry. */
function kindName(metric: StatsMetric, kind: string, lang: 'zh' | 'en', t: (k: MessageKey) => string) {
  if (!kind) return '—';
  if (/^(achievement|demand)\.|^match\.pushed$|^contract\.industry$/.test(metric)) return INDUSTRY_SECTIONS[kind as keyof typeof INDUSTRY_SECTIONS]?.[lang] ?? kind;
  if (metric.startsWith('contract')) return named(CONTRACT_KIND_LABELS, kind, lang);
  if (metric === 'organization.verified') return named(ORGANIZATION_TYPE_LABELS, kind, lang);
  if (metric === 'deal') return t(`stats.dealSource.${kind}` as MessageKey);
  if (metric === 'match.answered') return t(`stats.verdict.${kind}` as MessageKey);
  if (metric.startsWith('challenge.')) return t(`stats.scheme.${kind}` as MessageKey);
  return kind;
}

/** The parts of a breakdown, largest first, each with its number. */
const partsOf = <T,>(byKind: Record<string, T>, metric: StatsMetric, count: (v: T) => number, name: (k: string) => string): Part[] =>
  Object.entries(byKind)
    .filter(([, v]) => count(v) > 0)
    .sort((a, b) => count(b[1]) - count(a[1]))
    .map(([k, v]) => ({ text: `${name(k)} ${count(v)}`, metric, kind: k }));

/** The figure cards: each with its definition, and (for administrators) the records behind it. */
function figureCards(f: StatsFigures, d: Record<string, string>, t: (k: MessageKey, p?: Record<string, string | number>) => string, lang: 'zh' | 'en'): Figure[] {
  const money = (fen: number) => formatStatAmount(fen, lang);
  return [
    { key: 'contracts', label: 'stats.fig.contracts', value: t('stats.unit.items', { n: f.contracts.count }), sub: `${t('stats.fig.technologyAmount')} ${money(f.contracts.technologyAmount)}`, metric: 'contract', definition: d.contracts!, parts: partsOf(f.contracts.byKind, 'contract', (v) => v.count, (k) => kindName('contract', k, lang, t)) },
    { key: 'contractAmount', label: 'stats.fig.contractAmount', value: money(f.contracts.contractAmount), metric: 'contract', definition: d.contracts! },
    // The rate goes down to its numerator: the locally absorbed contracts.
    { key: 'localConversionRate', label: 'stats.fig.localConversionRate', value: percent(f.localConversionRate.byCount) ?? t('stats.noRate'), sub: f.localConversionRate.byAmount === null ? undefined : t('stats.byAmount', { v: percent(f.localConversionRate.byAmount)! }), metric: 'contract.local', definition: d.localConversionRate! },
    { key: 'localAbsorbed', label: 'stats.fig.localAbsorbed', value: t('stats.unit.items', { n: f.localAbsorbed.count }), sub: money(f.localAbsorbed.amount), metric: 'contract.local', definition: d.localAbsorbed! },
    { key: 'output', label: 'stats.fig.output', value: t('stats.unit.items', { n: f.output.count }), sub: money(f.output.amount), metric: 'contract.output', definition: d.output! },
    { key: 'input', label: 'stats.fig.input', value: t('stats.unit.items', { n: f.input.count }), sub: money(f.input.amount), metric: 'contract.input', definition: d.input! },
    { key: 'achievementsPublished', label: 'stats.fig.achievementsPublished', value: t('stats.unit.count', { n: f.achievementsPublished }), metric: 'achievement.published', definition: d.achievementsPublished! },
    { key: 'achievementsConverted', label: 'stats.fig.achievementsConverted', value: t('stats.unit.count', { n: f.achievementsConverted }), metric: 'achievement.converted', definition: d.achievementsConverted! },
    { key: 'demandsPosted', label: 'stats.fig.demandsPosted', value: t('stats.unit.count', { n: f.demandsPosted }), metric: 'demand.published', definition: d.demandsPosted! },
    { key: 'demandsMet', label: 'stats.fig.demandsMet', value: t('stats.unit.count', { n: f.demandsMet }), metric: 'demand.met', definition: d.demandsMet! },
    { key: 'matchesPushed', label: 'stats.fig.matchesPushed', value: t('stats.unit.times', { n: f.matches.pushed }), metric: 'match.pushed', definition: d.matches! },
    { key: 'matchesAnswered', label: 'stats.fig.matchesAnswered', value: t('stats.unit.times', { n: f.matches.answered }), sub: f.matches.pushed ? t('stats.answeredOf', { v: percent(Math.min(1, f.matches.answered / f.matches.pushed))! }) : undefined, metric: 'match.answered', definition: d.matches! },
    { key: 'deals', label: 'stats.fig.deals', value: t('stats.unit.count', { n: f.deals.count }), sub: money(f.deals.amount), metric: 'deal', definition: d.deals!, parts: partsOf(f.deals.bySource, 'deal', (v) => v.count, (k) => kindName('deal', k, lang, t)) },
    { key: 'auctionPremium', label: 'stats.fig.auctionPremium', value: percent(f.deals.auctionPremium) ?? t('stats.noAuction'), metric: 'deal', kind: 'auction', definition: d.deals! },
    { key: 'organizationsVerified', label: 'stats.fig.organizationsVerified', value: t('stats.unit.count', { n: f.organizationsVerified.count }), metric: 'organization.verified', definition: d.organizationsVerified!, parts: partsOf(f.organizationsVerified.byType, 'organization.verified', (v) => v, (k) => kindName('organization.verified', k, lang, t)) },
    // Paid, with what is committed, against the budget the policy module holds for the period's years (none set: said so).
    {
      key: 'subsidies',
      label: 'stats.fig.subsidies',
      value: f.subsidies.paid === null ? null : money(f.subsidies.paid),
      sub: [f.subsidies.committed === null ? null : t('stats.committed', { v: money(f.subsidies.committed) }), f.subsidies.budget === null ? t('stats.noBudget') : t('stats.budget', { v: money(f.subsidies.budget) })].filter(Boolean).join(' · '),
      against: f.subsidies.budget ? { percent: Math.round(((f.subsidies.committed ?? 0) / f.subsidies.budget) * 1000) / 10, label: t('stats.budgetCommitted', { v: percent((f.subsidies.committed ?? 0) / f.subsidies.budget)!, p: percent((f.subsidies.paid ?? 0) / f.subsidies.budget)! }) } : undefined,
      metric: 'subsidy.paid',
      definition: d.subsidies!,
      // What is committed has its own records (approved entitlements), beside the payments the card opens.
      parts: f.subsidies.committed ? [{ text: t('stats.fig.subsidiesCommitted'), metric: 'subsidy.committed' }] : [],
    },
    { key: 'challenges', label: 'stats.fig.challenges', value: f.challenges.posted === null ? null : t('stats.unit.count', { n: f.challenges.posted }), sub: f.challenges.awarded === null ? undefined : t('stats.awarded', { n: f.challenges.awarded }), metric: 'challenge.posted', definition: d.challenges!, parts: f.challenges.awarded ? [{ text: t('stats.awarded', { n: f.challenges.awarded }), metric: 'challenge.awarded' }] : [] },
    { key: 'challengesCompleted', label: 'stats.fig.challengesCompleted', value: f.challenges.completed === null ? null : t('stats.unit.count', { n: f.challenges.completed }), metric: 'challenge.completed', definition: d.challenges! },
    // Figures no module records yet: "not tracked yet", never 0 (and nothing to open).
    ...UNTRACKED_FIGURES.map((k) => ({ key: k, label: `stats.fig.${k}` as MessageKey, value: f[k] === null ? null : t('stats.unit.count', { n: f[k] }), definition: d.untracked! })),
  ];
}

function trendOption(s: StatsDto, t: (k: MessageKey) => string): EChartOption {
  const periods = s.series.map((x) => x.name ?? x.period);
  return {
    tooltip: { trigger: 'axis' },
    // The legend below the chart: above it, it runs into the axis names on a phone.
    legend: { bottom: 0 },
    grid: { left: 48, right: 56, top: 36, bottom: 56 },
    xAxis: { type: 'category', data: periods },
    yAxis: [{ type: 'value', name: t('stats.series.count'), minInterval: 1 }, { type: 'value', name: t('stats.series.amount') }],
    series: [
      { name: t('stats.series.count'), type: 'bar', data: s.series.map((x) => x.figures.contracts.count) },
      { name: t('stats.series.achievements'), type: 'bar', data: s.series.map((x) => x.figures.achievementsPublished) },
      { name: t('stats.series.amount'), type: 'line', yAxisIndex: 1, data: s.series.map((x) => Math.round(x.figures.contracts.contractAmount / 1_000_000)) }, // fen → 万元
    ],
  };
}

function kindsOption(s: StatsDto, lang: 'zh' | 'en'): EChartOption {
  const other = { zh: '其他', en: 'Other' };
  const names: Record<string, { zh: string; en: string }> = { ...CONTRACT_KIND_LABELS, other };
  return {
    tooltip: { formatter: (p: { name: string; value: number }) => `${p.name}${lang === 'zh' ? '：' : ': '}${formatStatAmount(p.value, lang)}` },
    series: [
      {
        type: 'treemap',
        roam: false,
        nodeClick: false,
        breadcrumb: { show: false },
        data: Object.entries(s.figures.contracts.byKind).map(([k, v]) => ({ name: names[k]?.[lang] ?? k, value: v.contractAmount, kind: k })),
      },
    ],
  };
}

/** A jurisdiction's figures against its targets: anyone sees the public figures; its administrators the records, the export and the targets editor. */
export function StatisticsPage() {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const defaultCode = me?.adminOf[0]?.code ?? '140000';
  const code = params.get('jurisdiction') ?? defaultCode;
  const year = String(dayjs().year());
  const from = params.get('from') ?? `${year}-01-01`;
  const to = params.get('to') ?? dayjs().format('YYYY-MM-DD');
  const by = (params.get('by') as StatsGrouping | null) ?? 'month';
  const query: StatsParams = { jurisdiction: code, from, to, by };
  const set = (patch: Record<string, string>) => setParams({ jurisdiction: code, from, to, by, ...patch });

  const admin = !!me && (me.user.isPlatformAdmin || me.adminOf.some((a) => code === a.code || code.startsWith(a.code.replace(/(00)+$/, ''))));
  // With the same period a year before, for the change on each card (同比), when the period is a year at most.
  const compared: StatsParams = dayjs(to).subtract(1, 'year').format('YYYY-MM-DD') < from ? { ...query, compare: 'previousYear' } : query;
  const stats = useAsync((signal) => (admin ? fetchStats(compared, signal) : fetchPublicStats(compared, signal)), [code, from, to, by, admin]);
  const targets = useAsync((signal) => fetchTargets(code, signal), [code]);
  const [drill, setDrill] = useState<Drill | null>(null);
  // The targets of the period's years; those of other years (a plan's 2022 on a 2026 page) only when asked, marked as such.
  const [allTargetYears, setAllTargetYears] = useState(false);
  const [firstYear, lastYear] = [Number(from.slice(0, 4)), Number(to.slice(0, 4))];
  const periodYears = firstYear === lastYear ? String(firstYear) : `${firstYear}–${lastYear}`;
  const targetItems = targets.data?.items ?? [];
  const inPeriod = targetItems.filter((r) => r.year >= firstYear && r.year <= lastYear);
  const otherYears = targetItems.length - inPeriod.length;
  const editTarget = useFormModal<{ key: TargetKey; year: number; value: string; source?: string }>({
    // The value field's rule (targetValue) has refused any text these do not read exactly: nothing is rounded here.
    action: (v) => saveTargets(code, { year: v.year, targets: [{ key: v.key, value: targetValue(v.key, v.value)!, source: v.source ?? '' }] }),
    success: t('stats.targets.saved'),
    resetOnDone: false,
    onDone: () => void targets.reload(),
  });

  useEffect(() => {
    document.title = `${t('stats.title')} · 科转通`;
  }, [t]);

  const cards = useMemo(() => (stats.data ? withChange(figureCards(stats.data.figures, stats.data.definitions, t, lang), stats.data, t, lang) : []), [stats.data, t, lang]);
  // A bar of the sub-region chart opens that region (the chart names its bars by region name); a month's or a year's, the records of its series (contracts, or achievements published).
  const openChild = useCallback(
    (name: string, item: ClickedItem) => {
      const point = stats.data?.series.find((x) => (x.name ?? x.period) === name);
      if (!point) return;
      // A region without a jurisdiction of its own has no dashboard to open.
      if (by === 'child') {
        if (point.jurisdiction) setParams({ jurisdiction: point.period, from, to, by });
      }
      else if (admin) {
        const start = by === 'year' ? `${point.period}-01-01` : `${point.period}-01`;
        const end = by === 'year' ? `${point.period}-12-31` : dayjs(`${point.period}-01`).endOf('month').format('YYYY-MM-DD');
        const achievements = item.seriesIndex === 1;
        setDrill({ title: `${t(achievements ? 'stats.fig.achievementsPublished' : 'stats.fig.contracts')} · ${point.period}`, metric: achievements ? 'achievement.published' : 'contract', from: start < from ? from : start, to: end > to ? to : end });
      }
    },
    [stats.data, by, from, to, setParams, admin, t],
  );
  const openKind = useCallback(
    (name: string, item: { data?: unknown }) => {
      const kind = (item.data as { kind?: string } | undefined)?.kind;
      if (admin && kind) setDrill({ title: `${t('stats.fig.contracts')} · ${name}`, metric: 'contract', kind });
    },
    [admin, t],
  );

  // Money as the cards write it (formatStatAmount): the 376 万元 reached reads the same in the card and in the targets.
  const formatTarget = (unit: 'fen' | 'rate' | 'count', v: number | null) => (v === null ? null : unit === 'fen' ? formatStatAmount(v, lang) : unit === 'rate' ? percent(v) : String(v));
  const thisYear = Number(year);
  const neededText = (r: TargetsDto['items'][number]) => {
    // A year to come is measured against this year's rate so far.
    if (r.unit === 'rate') return r.gapPoints === null ? '—' : t(`stats.targets.${r.gapPoints <= 0 ? 'reached' : 'gapPoints'}${r.year > thisYear ? 'Now' : ''}` as MessageKey, { n: r.gapPoints.toFixed(1) });
    if (r.neededPerMonth === null) return '—';
    const perMonth = t(r.year > thisYear ? 'stats.targets.perMonthOf' : 'stats.targets.perMonthLeft', { v: formatTarget(r.unit, r.neededPerMonth)!, year: r.year, n: r.monthsLeft });
    return r.neededGrowth === null ? perMonth : `${perMonth} · ${t('stats.targets.growth', { v: percent(r.neededGrowth)! })}`;
  };

  return (
    <div className="container page" data-testid="statistics-page">
      <h1 className="page-title">{t('stats.title')}</h1>
      <p className="page-subtitle">{t('stats.subtitle')}</p>
      <Card className="portal-card" style={{ marginBottom: 16 }}>
        <Space wrap size="middle" style={{ width: '100%' }}>
          <Space.Compact style={{ minWidth: 240 }}>
            <JurisdictionSelect value={code} onChange={(v) => v && set({ jurisdiction: v })} style={{ minWidth: 220 }} />
          </Space.Compact>
          <DatePicker.RangePicker
            value={[dayjs(from), dayjs(to)]}
            allowClear={false}
            onChange={(r) => r?.[0] && r[1] && set({ from: r[0].format('YYYY-MM-DD'), to: r[1].format('YYYY-MM-DD') })}
          />
          <Segmented
            value={by}
            onChange={(v) => set({ by: String(v) })}
            options={[
              { value: 'month', label: t('stats.by.month') },
              { value: 'year', label: t('stats.by.year') },
              { value: 'child', label: t('stats.by.child') },
            ]}
          />
          {/* Every table of the page in one workbook: the public one without parties for everyone else. */}
          <Tooltip title={t(admin ? 'stats.export.admin' : 'stats.export.public')}>
            <Button icon={<DownloadOutlined />} href={statsExportUrl(compared, admin ? 'admin' : 'public')} data-testid="stats-export">
              {t('stats.export')}
            </Button>
          </Tooltip>
          <Link to={`/statistics/screen/${code}`}>
            <Button icon={<FundProjectionScreenOutlined />}>{t('stats.screen')}</Button>
          </Link>
        </Space>
      </Card>
      {!admin && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('stats.publicOnly')} />}
      {stats.error ? (
        <Alert type="error" showIcon title={String(stats.error instanceof Error ? stats.error.message : stats.error)} />
      ) : !stats.data ? (
        <Skeleton active />
      ) : (
        <>
          <Row gutter={[16, 16]}>
            {cards.map((c) => (
              <Col xs={12} md={8} lg={6} key={c.key}>
                <Card
                  size="small"
                  className="portal-card"
                  hoverable={admin && !!c.metric}
                  data-testid={`figure-${c.key}`}
                  onClick={() => admin && c.metric && setDrill({ title: t(c.label), metric: c.metric, kind: c.kind })}
                  title={
                    <Space size={4}>
                      {t(c.label)}
                      <Tooltip title={c.definition}>
                        <InfoCircleOutlined style={{ color: '#8c8c8c' }} />
                      </Tooltip>
                    </Space>
                  }
                >
                  {c.value === null ? (
                    <>
                      <Tag>{t('stats.notTracked')}</Tag>
                      <div style={{ color: '#8c8c8c', fontSize: 12, marginTop: 4 }} data-testid={`figure-${c.key}-why`}>
                        {t('stats.notTracked.why')}
                      </div>
                    </>
                  ) : (
                    <Statistic value={c.value} styles={{ content: { fontSize: 22 } }} />
                  )}
                  {c.sub && <div style={{ color: '#8c8c8c', marginTop: 4 }}>{c.sub}</div>}
                  {c.change && (
                    <Tooltip title={c.change.before}>
                      <div style={{ marginTop: 4, fontSize: 12, color: c.change.up === null ? '#8c8c8c' : c.change.up ? '#389e0d' : '#cf1322' }} data-testid={`figure-${c.key}-change`}>
                        {c.change.text}
                      </div>
                    </Tooltip>
                  )}
                  {admin && !!c.parts?.length && (
                    <Space size={[8, 0]} wrap style={{ marginTop: 4 }} data-testid={`figure-${c.key}-parts`}>
                      {c.parts.map((part) => (
                        <a
                          key={`${part.metric}:${part.kind ?? ''}`}
                          onClick={(e) => {
                            e.stopPropagation();
                            setDrill({ title: part.kind ? `${t(c.label)} · ${part.text.replace(/ \d+$/, '')}` : part.text, metric: part.metric, kind: part.kind });
                          }}
                        >
                          {part.text}
                        </a>
                      ))}
                    </Space>
                  )}
                  {c.against && (
                    <Tooltip title={c.against.label}>
                      <Progress percent={c.against.percent} size="small" status={c.against.percent > 100 ? 'exception' : 'normal'} data-testid={`figure-${c.key}-against`} />
                    </Tooltip>
                  )}
                </Card>
              </Col>
            ))}
          </Row>
          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            <Col xs={24} lg={16}>
              <Card className="portal-card" title={by === 'child' ? t('stats.breakdown') : t('stats.trend')} extra={by === 'child' ? <span style={{ color: '#8c8c8c' }}>{t('stats.childHint')}</span> : null}>
                <EChart testId="stats-trend" option={trendOption(stats.data, t)} onClick={openChild} />
              </Card>
            </Col>
            <Col xs={24} lg={8}>
              <Card className="portal-card" title={t('stats.byKind')}>
                {stats.data.figures.contracts.count ? <EChart option={kindsOption(stats.data, lang)} onClick={openKind} /> : <Empty style={{ height: 248, paddingTop: 72 }} description={t('stats.noContracts')} />}
              </Card>
            </Col>
          </Row>
          {by === 'child' && <ChildTable stats={stats.data} onOpen={(c) => setParams({ jurisdiction: c, from, to, by })} onDrill={admin ? setDrill : undefined} />}
          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            {/* One above the other at every width: the page is no wider on a wide screen, and eight industry columns need its whole width. */}
            <Col xs={24}>
              <IndustryTable figures={stats.data.figures} definition={stats.data.definitions.byIndustry!} onDrill={admin ? setDrill : undefined} />
            </Col>
            {admin && (
              <Col xs={24}>
                <TopOrganizations query={query} definition={stats.data.definitions.topOrganizations!} onDrill={setDrill} />
              </Col>
            )}
          </Row>
          {admin && <Flows query={query} definition={stats.data.definitions.flows!} onDrill={setDrill} />}
        </>
      )}
      <Card
        className="portal-card"
        style={{ marginTop: 16 }}
        title={t('stats.targets')}
        extra={
          admin && (
            <Button icon={<EditOutlined />} onClick={() => { editTarget.form.resetFields(); editTarget.open(); }}>
              {t('stats.targets.edit')}
            </Button>
          )
        }
      >
        {otherYears > 0 && (
          <Space size={8} style={{ marginBottom: 12 }}>
            <Switch size="small" checked={allTargetYears} onChange={setAllTargetYears} data-testid="targets-all-years" />
            <span style={{ color: '#595959' }}>{t('stats.targets.showOthers', { n: otherYears })}</span>
          </Space>
        )}
        <Table
          size="small"
          rowKey={(r) => `${r.year}:${r.key}`}
          data-testid="stats-targets"
          loading={targets.loading}
          dataSource={allTargetYears ? targetItems : inPeriod}
          pagination={false}
          scroll={{ x: 720 }}
          locale={{ emptyText: otherYears ? t('stats.targets.onlyOthers', { years: periodYears, n: otherYears }) : t('stats.targets.none') }}
          columns={[
            { title: t('stats.targets.key'), dataIndex: 'key', render: (k: TargetKey, r) => <Tooltip title={targetSourceOf(r.source, lang).quote}>{t(`stats.target.${k}` as MessageKey)}</Tooltip> },
            {
              title: t('stats.targets.year'),
              dataIndex: 'year',
              width: 130,
              render: (y: number) => (
                <Space size={4}>
                  {y}
                  {y < firstYear && <Tag data-testid="target-past-year">{t('stats.targets.pastYear')}</Tag>}
                  {y > lastYear && <Tag>{t('stats.targets.laterYear')}</Tag>}
                </Space>
              ),
            },
            { title: t('stats.targets.target'), render: (_, r) => formatTarget(r.unit, r.value) },
            // A figure the platform measures but has nothing to measure from (no contracts that year) is "no data", never "not tracked yet" — which says why.
            {
              title: t('stats.targets.actual'),
              render: (_, r) =>
                formatTarget(r.unit, r.actual) ??
                (r.tracked ? (
                  <Tag>{t('stats.noData')}</Tag>
                ) : (
                  <Tooltip title={t('stats.notTracked.why')}>
                    <Tag data-testid="target-not-tracked">{t('stats.notTracked')}</Tag>
                  </Tooltip>
                )),
            },
            { title: t('stats.targets.progress'), width: 180, render: (_, r) => (r.progress === null ? '—' : <Progress percent={Math.round(r.progress * 1000) / 10} size="small" status={r.progress >= 1 ? 'success' : 'active'} />) },
            // The trend needed: per month (this year's months left, or each month of a year to come, with the growth a year from the last whole year); a rate's gap in points.
            { title: t('stats.targets.needed'), render: (_, r) => neededText(r) },
            // The plan by its title (never the seed's number), the sentence it quotes on hover; a source typed by an administrator as typed.
            {
              title: t('stats.targets.source'),
              dataIndex: 'source',
              width: 260,
              render: (source: string) => {
                const s = targetSourceOf(source, lang);
                return (
                  <Tooltip title={s.quote}>
                    <span data-testid="target-source">{s.document ?? s.quote}</span>
                  </Tooltip>
                );
              },
            },
          ]}
        />
      </Card>
      <Drawer open={!!drill} width={720} onClose={() => setDrill(null)} title={drill ? t('stats.records.title', { figure: drill.title }) : ''} destroyOnHidden>
        {drill && <RecordsTable query={query} drill={drill} />}
      </Drawer>
      <Modal {...editTarget.modalProps} title={t('stats.targets.edit')} destroyOnHidden>
        <Form form={editTarget.form} layout="vertical" initialValues={{ year: Number(year) }}>
          <Form.Item name="key" label={t('stats.targets.key')} rules={[{ required: true }]}>
            <Select data-testid="target-key" options={TARGET_KEYS.map((k) => ({ value: k, label: t(`stats.target.${k}` as MessageKey) }))} />
          </Form.Item>
          <Form.Item name="year" label={t('stats.targets.year')} rules={[{ required: true, message: t('stats.targets.badYear') }, { type: 'integer', min: 2000, max: 2100, message: t('stats.targets.badYear') }]}>
            <NumberInput style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.key !== b.key}>
            {({ getFieldValue }) => {
              const key = getFieldValue('key') as TargetKey | undefined;
              const unit = key ? TARGET_UNITS[key] : 'count';
              return (
                <Form.Item
                  name="value"
                  label={t('stats.targets.value')}
                  extra={unit === 'fen' ? t('stats.targets.valueHintFen') : unit === 'rate' ? t('stats.targets.valueHintRate') : undefined}
                  dependencies={['key']}
                  rules={[
                    { required: true, whitespace: true, message: t('stats.targets.valueRequired') },
                    {
                      validator: async (_, v: string | undefined) => {
                        if (!key || !v?.trim() || targetValue(key, v) !== null) return;
                        throw new Error(t(unit === 'fen' ? 'stats.targets.badWan' : unit === 'count' ? 'stats.targets.badCount' : key === 'localConversionRate' ? 'stats.targets.badShare' : 'stats.targets.badRate'));
                      },
                    },
                  ]}
                >
                  <Input inputMode="decimal" style={{ width: '100%' }} addonAfter={unit === 'fen' ? '万元' : unit === 'rate' ? '%' : undefined} data-testid="target-value" />
                </Form.Item>
              );
            }}
          </Form.Item>
          <Form.Item name="source" label={t('stats.targets.source')}>
            <Input maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

/** The page of a record behind a figure. */
const LINK_PATHS: Record<StatsRecordLink['type'], string> = { achievement: '/achievements', demand: '/demands', contract: '/contracts', deal: '/deals', challenge: '/challenges', organization: '/org' };

function RecordsTable({ query, drill }: { query: StatsParams; drill: Drill }) {
  const { t, lang } = useI18n();
  const [page, setPage] = useState(1);
  // A sub-region's row opens the records of that sub-region (its administrators' above may read them).
  const { title: _title, jurisdiction = query.jurisdiction, ...filter } = drill;
  const { data, loading } = useAsync(
    (signal) => fetchStatsRecords({ jurisdiction, from: query.from, to: query.to, ...filter, page, pageSize: 20 }, signal),
    [jurisdiction, query.from, query.to, JSON.stringify(filter), page],
  );
  const parties = drill.metric.startsWith('contract') || drill.metric === 'deal';
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button size="small" icon={<DownloadOutlined />} href={statsRecordsExportUrl({ jurisdiction, from: query.from, to: query.to, ...filter })} data-testid="stats-records-export">
          {t('stats.export')}
        </Button>
        {data && <span style={{ color: '#8c8c8c' }}>{t('stats.records.total', { n: data.total })}</span>}
      </Space>
      <Table
        size="small"
        rowKey="sourceId"
        loading={loading}
        dataSource={data?.items ?? []}
        scroll={{ x: 560 }}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('stats.records.day'), dataIndex: 'day', width: 110 },
          {
            title: t('stats.records.label'),
            dataIndex: 'label',
            // The record's page where it has one (its owner names and places it); who or what else beneath.
            render: (label: string, r) => (
              <>
                {r.link ? <Link to={`${LINK_PATHS[r.link.type]}/${r.link.id}`}>{label || r.sourceId.slice(0, 8)}</Link> : label || r.sourceId.slice(0, 8)}
                {r.detail && <div style={{ color: '#8c8c8c', fontSize: 12 }}>{r.detail}</div>}
              </>
            ),
          },
          ...(parties ? [{ title: t('stats.records.parties'), key: 'parties', render: (_: unknown, r: { seller: string; buyer: string }) => (r.seller || r.buyer ? `${r.seller} → ${r.buyer}` : '—') }] : []),
          { title: t('stats.records.kind'), dataIndex: 'kind', width: 110, render: (k: string) => kindName(drill.metric, k, lang, t) },
          { title: t('stats.records.amount'), dataIndex: 'amount', width: 140, render: (a: number) => (a ? formatStatAmount(a, lang) : '—') },
        ]}
      />
    </>
  );
}

const titled = (title: string, definition: string) => (
  <Space size={4}>
    {title}
    <Tooltip title={definition}>
      <InfoCircleOutlined style={{ color: '#8c8c8c' }} />
    </Tooltip>
  </Space>
);

/** The published and converted achievements, the posted and met demands and the pushed matches of each industry; a number opens its records. */
function IndustryTable({ figures, definition, onDrill }: { figures: StatsFigures; definition: string; onDrill?: (d: Drill) => void }) {
  const { t, lang } = useI18n();
  const nameOf = (k: string) => INDUSTRY_SECTIONS[k as keyof typeof INDUSTRY_SECTIONS]?.[lang] ?? (k || t('stats.industry.unknown'));
  const rows = Object.entries(figures.byIndustry)
    .map(([industry, f]) => ({ industry, ...f }))
    .sort((a, b) => b.achievementsPublished + b.demandsPosted + b.contracts - (a.achievementsPublished + a.demandsPosted + a.contracts) || a.industry.localeCompare(b.industry));
  const cell = (field: keyof IndustryFigures, metric: StatsMetric, label: MessageKey, width = 96) => ({
    title: t(label),
    dataIndex: field,
    width,
    align: 'right' as const,
    render: (n: number, r: { industry: string }) =>
      onDrill && n ? (
        <a onClick={() => onDrill({ title: `${t(label)} · ${nameOf(r.industry)}`, metric, kind: r.industry })}>{n}</a>
      ) : (
        n
      ),
  });
  return (
    <Card className="portal-card" title={titled(t('stats.industry'), definition)} data-testid="stats-industries">
      <Table
        size="small"
        rowKey="industry"
        dataSource={rows}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        columns={[
          { title: t('stats.industry.name'), dataIndex: 'industry', render: (k: string) => nameOf(k), width: 160, ellipsis: true },
          cell('achievementsPublished', 'achievement.published', 'stats.fig.achievementsPublished'),
          cell('achievementsConverted', 'achievement.converted', 'stats.fig.achievementsConverted'),
          cell('demandsPosted', 'demand.published', 'stats.fig.demandsPosted'),
          cell('demandsMet', 'demand.met', 'stats.fig.demandsMet'),
          cell('matchesPushed', 'match.pushed', 'stats.fig.matchesPushed'),
          cell('contracts', 'contract.industry', 'stats.fig.contracts', 132),
          // The amount opens the same contracts as their count.
          {
            title: t('stats.fig.contractAmount'),
            dataIndex: 'contractAmount',
            width: 140,
            align: 'right' as const,
            render: (a: number, r: { industry: string }) =>
              !a ? 0 : onDrill ? <a onClick={() => onDrill({ title: `${t('stats.fig.contracts')} · ${nameOf(r.industry)}`, metric: 'contract.industry', kind: r.industry })}>{formatStatAmount(a, lang)}</a> : formatStatAmount(a, lang),
          },
        ]}
      />
    </Card>
  );
}

/** The sellers (or buyers) with the most registered contracts counted in the jurisdiction; a row opens their contracts. */
function TopOrganizations({ query, definition, onDrill }: { query: StatsParams; definition: string; onDrill: (d: Drill) => void }) {
  const { t, lang } = useI18n();
  const [side, setSide] = useState<'seller' | 'buyer'>('seller');
  const [order, setOrder] = useState<'amount' | 'count'>('amount');
  const { data, loading } = useAsync((signal) => fetchTopOrganizations({ jurisdiction: query.jurisdiction, from: query.from, to: query.to, side, order, limit: 10 }, signal), [query.jurisdiction, query.from, query.to, side, order]);
  return (
    <Card
      className="portal-card"
      data-testid="stats-top"
      title={titled(t('stats.top'), definition)}
    >
      {/* In the card, not beside its title: on a phone the title would be cut. */}
      <Space wrap size={8} style={{ marginBottom: 12 }}>
        <Segmented size="small" value={side} onChange={(v) => setSide(v as 'seller' | 'buyer')} options={[{ value: 'seller', label: t('stats.top.seller') }, { value: 'buyer', label: t('stats.top.buyer') }]} />
        <Segmented size="small" value={order} onChange={(v) => setOrder(v as 'amount' | 'count')} options={[{ value: 'amount', label: t('stats.top.byAmount') }, { value: 'count', label: t('stats.top.byCount') }]} />
      </Space>
      <Table
        size="small"
        rowKey="key"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: 480 }}
        locale={{ emptyText: t('stats.top.none') }}
        onRow={(r) => ({ onClick: () => onDrill({ title: `${t('stats.fig.contracts')} · ${r.name}`, metric: 'contract', [side]: r.key }), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('stats.top.rank'), key: 'rank', width: 56, render: (_: unknown, __: unknown, i: number) => i + 1 },
          { title: t('stats.top.name'), dataIndex: 'name', ellipsis: true },
          { title: t('stats.top.count'), dataIndex: 'count', width: 96, align: 'right' },
          { title: t('stats.top.amount'), dataIndex: 'contractAmount', width: 140, align: 'right', render: (a: number) => formatStatAmount(a, lang) },
        ]}
      />
    </Card>
  );
}

/**
 * The sub-regions side by side: each one's main figures (contracts, turnover, local conversion rate, achievements, demands, deals);
 * a name opens that region's dashboard, a number (for administrators) its records. The region's own level (省本级及未归属下级)
 * comes last, marked as no region to open, so the rows add up to the total beneath them.
 */
function ChildTable({ stats, onOpen, onDrill }: { stats: StatsDto; onOpen: (code: string) => void; onDrill?: (d: Drill) => void }) {
  const { t, lang } = useI18n();
  type Row = StatsDto['series'][number];
  // A region the platform has a jurisdiction for is named; one it has none for (a district of a city) is its bare code, with no page or records of its own.
  const known = (r: Row) => !!r.jurisdiction;
  const rest = stats.series.find((r) => r.remainder);
  const rows = [...stats.series.filter((r) => !r.remainder).sort((a, b) => b.figures.contracts.contractAmount - a.figures.contracts.contractAmount || a.period.localeCompare(b.period)), ...(rest ? [rest] : [])];
  // Flows and the rate are each region's own: the own-level row has none (they do not subtract).
  const own = (r: Row, text: string | number) => (r.remainder ? '—' : text);
  const count = (label: MessageKey, metric: StatsMetric, value: (f: StatsFigures) => number, width = 96, flow = false) => ({
    title: t(label),
    key: metric + label,
    width,
    align: 'right' as const,
    render: (_: unknown, r: Row) => {
      const n = value(r.figures);
      if (flow && r.remainder) return '—';
      return onDrill && n && known(r) ? <a onClick={() => onDrill({ title: `${t(label)} · ${r.name ?? r.period}`, metric, jurisdiction: r.period })}>{n}</a> : n;
    },
  });
  const columns = [
    {
      title: t('stats.jurisdiction'),
      key: 'name',
      width: 190,
      fixed: 'left' as const,
      render: (_: unknown, r: Row) =>
        r.remainder ? (
          <Space size={4} wrap data-testid="stats-children-remainder">
            <span style={{ color: '#595959' }}>{r.name}</span>
            <Tag style={{ marginInlineEnd: 0 }}>{t('stats.breakdown.remainderTag')}</Tag>
          </Space>
        ) : known(r) ? (
          <a onClick={() => onOpen(r.period)}>{r.name}</a>
        ) : (
          (r.name ?? r.period)
        ),
    },
    count('stats.fig.contracts', 'contract', (f) => f.contracts.count),
    { title: t('stats.fig.contractAmount'), key: 'amount', width: 130, align: 'right' as const, render: (_: unknown, r: Row) => formatStatAmount(r.figures.contracts.contractAmount, lang) },
    { title: t('stats.fig.localConversionRate'), key: 'rate', width: 110, align: 'right' as const, render: (_: unknown, r: Row) => own(r, percent(r.figures.localConversionRate.byCount) ?? '—') },
    count('stats.fig.output', 'contract.output', (f) => f.output.count, 96, true),
    count('stats.fig.input', 'contract.input', (f) => f.input.count, 96, true),
    count('stats.fig.achievementsPublished', 'achievement.published', (f) => f.achievementsPublished, 110),
    count('stats.fig.achievementsConverted', 'achievement.converted', (f) => f.achievementsConverted, 110),
    count('stats.fig.demandsPosted', 'demand.published', (f) => f.demandsPosted, 110),
    count('stats.fig.demandsMet', 'demand.met', (f) => f.demandsMet, 110),
    count('stats.fig.deals', 'deal', (f) => f.deals.count),
  ];
  // The total beneath: the jurisdiction's own figures (what the cards show), which the rows above add up to.
  const f = stats.figures;
  const totals: (string | number)[] = [f.contracts.count, formatStatAmount(f.contracts.contractAmount, lang), percent(f.localConversionRate.byCount) ?? '—', f.output.count, f.input.count, f.achievementsPublished, f.achievementsConverted, f.demandsPosted, f.demandsMet, f.deals.count];
  return (
    <Card className="portal-card" style={{ marginTop: 16 }} title={t('stats.breakdown')} data-testid="stats-children">
      {/* Wider than the page at every width: the table scrolls inside its card, the region's name kept at the left. */}
      <Table
        size="small"
        rowKey="period"
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        columns={columns}
        summary={() =>
          rows.length ? (
            <Table.Summary>
              <Table.Summary.Row data-testid="stats-children-total">
                <Table.Summary.Cell index={0}>
                  <strong>{t('stats.breakdown.total')}</strong>
                </Table.Summary.Cell>
                {totals.map((v, i) => (
                  <Table.Summary.Cell key={i} index={i + 1} align="right">
                    <strong>{v}</strong>
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            </Table.Summary>
          ) : null
        }
      />
      {rest && (
        <div style={{ color: '#8c8c8c', fontSize: 12, marginTop: 8 }} data-testid="stats-children-note">
          {t('stats.breakdown.note', { name: rest.name ?? '', jurisdiction: stats.jurisdiction.name })}
        </div>
      )}
    </Card>
  );
}

/** Contract flows between regions as a Sankey diagram (its ECharts piece loaded with it); a flow opens its contracts. */
function Flows({ query, definition, onDrill }: { query: StatsParams; definition: string; onDrill: (d: Drill) => void }) {
  const { t } = useI18n();
  const { data } = useAsync((signal) => fetchFlows({ jurisdiction: query.jurisdiction, from: query.from, to: query.to }, signal), [query.jurisdiction, query.from, query.to]);
  const labels = useMemo(() => ({ seller: t('stats.flows.seller'), buyer: t('stats.flows.buyer') }), [t]);
  const names = useMemo(() => new Map(data?.regions.map((r) => [r.code, r.name]) ?? []), [data]);
  const onFlow = useCallback(
    (seller: string, buyer: string) => onDrill({ title: `${t('stats.fig.contracts')} · ${names.get(seller) ?? seller} → ${names.get(buyer) ?? buyer}`, metric: 'contract', sellerIn: seller, buyerIn: buyer }),
    [onDrill, names, t],
  );
  return (
    <Card className="portal-card" style={{ marginTop: 16 }} title={titled(t('stats.flows'), definition)}>
      {!!data?.links.length && <div style={{ color: '#8c8c8c', marginBottom: 8 }}>{t('stats.flows.hint')}</div>}
      {!data ? (
        <Skeleton active />
      ) : data.links.length ? (
        <Suspense fallback={<Skeleton active />}>
          <FlowsChart flows={data} labels={labels} onFlow={onFlow} />
        </Suspense>
      ) : (
        <Empty description={t('stats.flows.none')} />
      )}
    </Card>
  );
}

/**
 * A target as typed, in what the server stores: money in 万元 → fen, a
 * percentage → a fraction, a count as a whole number; null when the text is no
 * such value (words, a unit typed in, a sign, a fraction of a fen or of a thing,
 * a share above 100 %) — refused on the field, never rounded into another.
 */
function targetValue(key: TargetKey, text: string): number | null {
  const unit = TARGET_UNITS[key];
  if (unit === 'fen') return wanToFen(text);
  if (unit === 'rate') {
    const bp = percentToBp(text);
    return bp === null || bp < 0 || (key === 'localConversionRate' && bp > 10_000) ? null : bp / 10_000;
  }
  const n = parseTypedNumber(text);
  return n !== null && Number.isSafeInteger(n) && n >= 0 ? n : null;
}
