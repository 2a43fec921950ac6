import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Figure } from './types';
import { figureHtml, type FigureHtmlOptions } from './figureHtml';

/**
 * Writes `figure` as a standalone offline HTML file (plotly.js inlined), creating parent directories.
 * @example writeHtml(heatmapFigure(grid), 'out/heatmap.html')
 */
export function writeHtml(figure: Figure, path: string, options: FigureHtmlOptions = {}): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, figureHtml(figure, options));
}
