/**
 * Plotly figure builders (pure: engine outputs in, `{ data, layout }` out) and the two renderers:
 * `show` for tslab notebooks and `writeHtml` for standalone offline HTML.
 */
export type { AxisValues, Figure, Layout, Trace } from './types';
export type { IndicatorPanel } from './IndicatorPanel';
export type { NamedSeries } from './NamedSeries';
export type { PriceSignalsInput, TradeMarks } from './priceSignalsFigure';
export type { ScatterInput } from './scatterFigure';
export type { HeatmapInput } from './heatmapFigure';
export type { HtmlDisplay } from './show';
export type { FigureHtmlOptions } from './figureHtml';
export { priceSignalsFigure } from './priceSignalsFigure';
export { indicatorPanelsFigure } from './indicatorPanelsFigure';
export { equityFigure } from './equityFigure';
export { drawdownFigure } from './drawdownFigure';
export { histogramFigure } from './histogramFigure';
export { scatterFigure } from './scatterFigure';
export { heatmapFigure } from './heatmapFigure';
export { buyAndHold } from './buyAndHold';
export { underwater } from './underwater';
export { stackDomains } from './stackDomains';
export { toPlotArray } from './toPlotArray';
export { figureSnippet, PLOT_CONFIG } from './figureSnippet';
export { figureHtml } from './figureHtml';
export { writeHtml } from './writeHtml';
export { show } from './show';
