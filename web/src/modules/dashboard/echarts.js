// The parts of ECharts the 工作台 uses, and nothing else: a map series, its continuous legend, tooltips, canvas,
// the label layout that puts each region's name where labels.js chose, and the bars that rank a county's
// townships where no map has them.
import * as echarts from 'echarts/core';
import { BarChart, MapChart } from 'echarts/charts';
import { GridComponent, VisualMapContinuousComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { LabelLayout } from 'echarts/features';

echarts.use([MapChart, BarChart, GridComponent, VisualMapContinuousComponent, TooltipComponent, CanvasRenderer, LabelLayout]);

export { echarts };
