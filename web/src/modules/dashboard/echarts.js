// The parts of ECharts the 工作台 uses, and nothing else: a map series, its continuous legend, tooltips, canvas,
// and the label layout that hides the names of small regions where they would overlap.
import * as echarts from 'echarts/core';
import { MapChart } from 'echarts/charts';
import { VisualMapContinuousComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { LabelLayout } from 'echarts/features';

echarts.use([MapChart, VisualMapContinuousComponent, TooltipComponent, CanvasRenderer, LabelLayout]);

export { echarts };
