// The echarts build the wall uses: core plus only the charts, components and renderer the scenes need, so the
// bundle does not carry the whole library. Every chart is created through `init` from here.
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent } from 'echarts/components';
import { init, use as installParts, type EChartsCoreOption, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// `use` renamed: it registers echarts parts and is not a React hook.
installParts([BarChart, LineChart, ScatterChart, GridComponent, MarkLineComponent, CanvasRenderer]);

export { init };
export type { EChartsCoreOption, EChartsType };
