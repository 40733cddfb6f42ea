import { formatStatAmount, type StatsFlowsDto } from '@kzt/shared';
import { SankeyChart } from 'echarts/charts';
import * as echarts from 'echarts/core';
import { useCallback, useMemo } from 'react';
import { EChart, type ClickedItem, type EChartOption } from './EChart.tsx';

// The Sankey piece of ECharts comes with this module only, which the dashboard loads when it shows the flows.
echarts.use([SankeyChart]);

/**
 * Registered contracts flowing from the seller's region (left) to the buyer's
 * (right), by contract amount. A region is on both sides when it sells and
 * buys: its two nodes are told apart by side, so the chart stays acyclic.
 */
export default function FlowsChart({ flows, labels, onFlow }: { flows: StatsFlowsDto; labels: { seller: string; buyer: string }; onFlow?: (seller: string, buyer: string) => void }) {
  const name = useMemo(() => new Map(flows.regions.map((r) => [r.code, r.name])), [flows]);
  const option = useMemo<EChartOption>(() => {
    const node = (side: 's' | 'b', code: string) => `${side}:${code}`;
    const used = new Set(flows.links.flatMap((l) => [node('s', l.seller), node('b', l.buyer)]));
    const display = (id: string) => name.get(id.slice(2)) ?? id.slice(2);
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: { dataType: string; name: string; data: { source?: string; target?: string; value: number; count?: number } }) =>
          p.dataType === 'edge'
            ? `${display(p.data.source!)} → ${display(p.data.target!)}<br/>${p.data.count} 份 · ${formatStatAmount(p.data.value)}`
            : `${display(p.name)}（${p.name.startsWith('s:') ? labels.seller : labels.buyer}）`,
      },
      series: [
        {
          type: 'sankey',
          left: 8,
          right: 96,
          top: 8,
          bottom: 8,
          nodeGap: 10,
          emphasis: { focus: 'adjacency' },
          lineStyle: { color: 'gradient', curveness: 0.5, opacity: 0.45 },
          label: { formatter: (p: { name: string }) => display(p.name), fontSize: 12 },
          data: [...used].map((id) => ({ name: id })),
          links: flows.links.map((l) => ({ source: node('s', l.seller), target: node('b', l.buyer), value: l.amount || 0.0001, count: l.count })),
        },
      ],
    };
  }, [flows, name, labels]);
  const click = useCallback(
    (_name: string, item: ClickedItem) => {
      const link = item.data as { source?: string; target?: string } | undefined;
      if (item.dataType === 'edge' && link?.source && link.target && onFlow) onFlow(link.source.slice(2), link.target.slice(2));
    },
    [onFlow],
  );
  return <EChart testId="stats-flows" option={option} onClick={click} style={{ height: Math.max(280, Math.min(640, used(flows) * 28)) }} />;
}

const used = (flows: StatsFlowsDto) => Math.max(new Set(flows.links.map((l) => l.seller)).size, new Set(flows.links.map((l) => l.buyer)).size);
