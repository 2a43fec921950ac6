import type { Figure } from './types';
import { figureSnippet } from './figureSnippet';
import { plotlyBundle } from './plotlyBundle';

export interface FigureHtmlOptions {
  /** Document title; defaults to the figure title. */
  title?: string;
  /** Fixed page width in px (default: full width). */
  width?: number;
  /** Plotly config merged over PLOT_CONFIG, e.g. `{ displayModeBar: false }`. */
  config?: Record<string, unknown>;
}

/**
 * A standalone, offline HTML document drawing `figure`: plotly.js is inlined (about 4.8 MB), nothing
 * is loaded from a URL.
 * @example writeFileSync('equity.html', figureHtml(equityFigure(dates, series)))
 */
export function figureHtml(figure: Figure, options: FigureHtmlOptions = {}): string {
  const title = (options.title ?? figure.layout.title?.text ?? 'vecbt chart').replace(/[<&>]/g, (c) => `&#${c.charCodeAt(0)};`);
  const width = options.width ? `${options.width}px` : '100%';
  return (
    `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${title}</title>\n` +
    `<style>body{margin:0;font-family:sans-serif;background:#fff}main{width:${width}}</style>\n` +
    `<script>${plotlyBundle()}</script>\n</head><body><main>\n${figureSnippet(figure, 'vecbt-plot-0', options.config)}\n</main></body></html>\n`
  );
}
