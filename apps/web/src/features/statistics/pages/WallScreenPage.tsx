import { formatStatAmount } from '@kzt/shared';
import { Skeleton } from 'antd';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { useI18n } from '../../../i18n/index.tsx';
import { dayjs, formatDateTime } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { fetchPublicStats, fetchTargets } from '../api.ts';
import { EChart } from '../components/EChart.tsx';

const REFRESH_MS = 30_000;

/** 数据大屏: a jurisdiction's public figures for a wall screen, refreshed every 30 seconds. */
export function WallScreenPage() {
  const { code = '140000' } = useParams();
  const { t, lang } = useI18n();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  const year = dayjs().year();
  const { data } = useAsync((signal) => fetchPublicStats({ jurisdiction: code, from: `${year}-01-01`, to: dayjs().format('YYYY-MM-DD'), by: 'month' }, signal), [code, tick]);
  const targets = useAsync((signal) => fetchTargets(code, signal), [code, tick]);
  useEffect(() => {
    if (data) document.title = t('stats.screen.title', { name: data.jurisdiction.name });
  }, [data, t]);
  if (!data) return <div className="wall-screen"><Skeleton active /></div>;
  const f = data.figures;
  const big = [
    { label: t('stats.fig.contracts'), value: String(f.contracts.count) },
    { label: t('stats.fig.contractAmount'), value: formatStatAmount(f.contracts.contractAmount, lang) },
    { label: t('stats.fig.localConversionRate'), value: f.localConversionRate.byCount === null ? '—' : `${(f.localConversionRate.byCount * 100).toFixed(1)}%` },
    { label: t('stats.fig.achievementsPublished'), value: String(f.achievementsPublished) },
    { label: t('stats.fig.achievementsConverted'), value: String(f.achievementsConverted) },
    { label: t('stats.fig.demandsPosted'), value: String(f.demandsPosted) },
    { label: t('stats.fig.demandsMet'), value: String(f.demandsMet) },
    { label: t('stats.fig.matchesPushed'), value: String(f.matches.pushed) },
    { label: t('stats.fig.deals'), value: formatStatAmount(f.deals.amount, lang) },
  ];
  // This year's target only: a past plan's (陕西's 2020) measured against a year the platform has no records of would read 0 %.
  const gauge = targets.data?.items.find((i) => i.year === year && i.progress !== null);
  return (
    <div className="wall-screen" data-testid="wall-screen">
      <h1>{t('stats.screen.title', { name: data.jurisdiction.name })}</h1>
      <div className="wall-updated">{t('stats.screen.updated', { time: formatDateTime(new Date().toISOString()) })}</div>
      <div className="wall-body">
        <div className="wall-figures">
          {big.map((b) => (
            <div className="wall-figure" key={b.label}>
              <div className="wall-value" title={b.value}>{b.value}</div>
              <div className="wall-label">{b.label}</div>
            </div>
          ))}
        </div>
        <div className="wall-charts">
          <div className="wall-chart">
            <EChart
              option={{
                textStyle: { color: '#cfe3ff' },
                tooltip: { trigger: 'axis' },
                // Which is which: contracts (bars, left axis) and achievements (line, right axis) differ by an order of magnitude.
                legend: { top: 0, textStyle: { color: '#cfe3ff' } },
                grid: { left: 40, right: 40, top: 40, bottom: 28 },
                xAxis: { type: 'category', data: data.series.map((s) => (s.period.length === 7 ? `${Number(s.period.slice(5))}月` : s.period)), axisLine: { lineStyle: { color: '#5b7db1' } }, axisLabel: { color: '#8fb3e8' } },
                yAxis: [
                  { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#23406e' } }, axisLabel: { color: '#8fb3e8' } },
                  { type: 'value', minInterval: 1, splitLine: { show: false }, axisLabel: { color: '#8fb3e8' } },
                ],
                series: [
                  { name: t('stats.series.count'), type: 'bar', data: data.series.map((s) => s.figures.contracts.count), itemStyle: { color: '#3ba0ff' } },
                  { name: t('stats.series.achievements'), type: 'line', yAxisIndex: 1, data: data.series.map((s) => s.figures.achievementsPublished), itemStyle: { color: '#ffc53d' } },
                ],
              }}
            />
          </div>
          {gauge && (
            <div className="wall-chart">
              <EChart
                option={{
                  series: [
                    {
                      type: 'gauge',
                      min: 0,
                      max: 100,
                      // A ring filled to the share reached: the figure and the target's name inside it, clear of the scale.
                      progress: { show: true, width: 14 },
                      axisLine: { lineStyle: { width: 14, color: [[1, '#23406e']] } },
                      pointer: { show: false },
                      axisTick: { distance: -14, length: 6, lineStyle: { color: '#5b7db1' } },
                      splitLine: { distance: -14, length: 14, lineStyle: { color: '#5b7db1' } },
                      // Labels at 0, 25 … 100: none at the ring's lower sides, where the target's name is.
                      splitNumber: 4,
                      axisLabel: { distance: 22, color: '#8fb3e8', fontSize: 12 },
                      detail: { valueAnimation: true, formatter: '{value}%', color: '#fff', fontSize: 36, offsetCenter: [0, '-8%'] },
                      title: { color: '#cfe3ff', fontSize: 16, offsetCenter: [0, '30%'] },
                      data: [{ value: Math.round((gauge.progress ?? 0) * 1000) / 10, name: `${gauge.year} ${t(`stats.target.${gauge.key}`)}` }],
                    },
                  ],
                }}
              />
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
