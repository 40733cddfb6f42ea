import { BarChart, GaugeChart, LineChart, TreemapChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, type CSSProperties } from 'react';

echarts.use([BarChart, LineChart, GaugeChart, TreemapChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type EChartOption = echarts.EChartsCoreOption;
/** What ECharts tells of a clicked item: a Sankey edge is `dataType: 'edge'` with its `data.source` and `data.target`. */
export type ClickedItem = { dataType?: string; data?: unknown; seriesIndex?: number };

/** One ECharts chart, resized with its box; `onClick` receives the clicked item's name (a period or a region). */
export function EChart({ option, style, onClick, testId }: { option: EChartOption; style?: CSSProperties; onClick?: (name: string, item: ClickedItem) => void; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!box.current) return;
    const c = echarts.init(box.current);
    chart.current = c;
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);
  useEffect(() => {
    const c = chart.current;
    if (!c || !onClick) return;
    const handler = (p: ClickedItem & { name?: string }) => {
      if (p.name) onClick(p.name, p);
    };
    c.on('click', handler);
    return () => {
      c.off('click', handler);
    };
  }, [onClick]);
  return <div ref={box} data-testid={testId} style={{ width: '100%', height: 280, ...style }} />;
}
