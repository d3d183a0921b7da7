/** echarts with only what the editor draws: stacked areas and a Sankey, on canvas. */
import { LineChart, SankeyChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([LineChart, SankeyChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { echarts };

/** Stage colours, in stage order; the same everywhere a stage is drawn. */
export const STAGE_COLOURS = ['#6366f1', '#10b981', '#f59e0b', '#ef4444', '#64748b', '#0ea5e9', '#a855f7', '#14b8a6', '#f97316', '#84cc16'];
