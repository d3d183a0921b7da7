/** The stage charts shared by the simulator and live stats: distribution over time (stacked area) and stage flow (Sankey). */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { StageDef } from '../../dsl/schema/document.ts';
import { localized } from '../i18n/index.ts';
import { Chart } from './chart.tsx';
import { STAGE_COLOURS } from './echarts-setup.ts';

export interface StageSeries {
  daily: { date: string; counts: Record<string, number> }[];
  transitions: { from: string; to: string; count: number }[];
}

const FONT = 'system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';

export function StageCharts({ stages, series }: { stages: readonly StageDef[]; series: StageSeries }) {
  const { t, i18n } = useTranslation();
  const ids = useMemo(() => {
    const seen = new Set(stages.map((s) => s.id));
    for (const day of series.daily) for (const id of Object.keys(day.counts)) seen.add(id);
    return [...seen];
  }, [stages, series]);
  const nameOf = (id: string) => {
    const def = stages.find((s) => s.id === id);
    return def ? localized(def.name, i18n.language) : id;
  };
  const colourOf = (id: string) => STAGE_COLOURS[Math.max(0, ids.indexOf(id)) % STAGE_COLOURS.length] ?? '#64748b';

  const area = useMemo(
    () => ({
      textStyle: { fontFamily: FONT },
      tooltip: { trigger: 'axis' as const },
      legend: { top: 0, textStyle: { fontFamily: FONT } },
      grid: { left: 48, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category' as const, boundaryGap: false, data: series.daily.map((d) => d.date) },
      yAxis: { type: 'value' as const, name: t('stats.customers'), nameTextStyle: { fontFamily: FONT } },
      series: ids.map((id) => ({
        name: nameOf(id),
        type: 'line' as const,
        stack: 'stages',
        areaStyle: { opacity: 0.75 },
        showSymbol: false,
        lineStyle: { width: 1 },
        color: colourOf(id),
        emphasis: { focus: 'series' as const },
        data: series.daily.map((d) => Math.max(0, d.counts[id] ?? 0)),
      })),
    }),
    [series, ids, i18n.language],
  );

  const sankey = useMemo(() => {
    const links = series.transitions.filter((l) => l.count > 0 && l.from !== l.to);
    const sources = [...new Set(links.map((l) => l.from))];
    const targets = [...new Set(links.map((l) => l.to))];
    return {
      textStyle: { fontFamily: FONT },
      tooltip: { trigger: 'item' as const },
      series: [
        {
          type: 'sankey' as const,
          left: 8,
          right: 96,
          top: 8,
          bottom: 8,
          nodeGap: 10,
          emphasis: { focus: 'adjacency' as const },
          lineStyle: { color: 'gradient' as const, curveness: 0.5, opacity: 0.35 },
          label: { fontFamily: FONT },
          // Stages appear once as a source and once as a target, so returns (silent → active) draw without a cycle.
          data: [
            ...sources.map((id) => ({ name: `${id}>`, itemStyle: { color: colourOf(id) }, label: { formatter: nameOf(id) } })),
            ...targets.map((id) => ({ name: `>${id}`, itemStyle: { color: colourOf(id) }, label: { formatter: `→ ${nameOf(id)}` } })),
          ],
          links: links.map((l) => ({ source: `${l.from}>`, target: `>${l.to}`, value: l.count })),
        },
      ],
    };
  }, [series, ids, i18n.language]);

  return (
    <div className="stage-charts">
      <figure>
        <figcaption>{t('stats.distribution')}</figcaption>
        <Chart option={area} height={230} testId="stage-chart" label={t('stats.distribution')} />
      </figure>
      <figure>
        <figcaption>{t('stats.flow')}</figcaption>
        {series.transitions.length > 0 ? <Chart option={sankey} height={230} testId="stage-sankey" label={t('stats.flow')} /> : <div className="chart-empty">{t('stats.noData')}</div>}
      </figure>
    </div>
  );
}
