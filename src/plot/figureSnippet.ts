import type { Figure } from './types';

/** Plotly config for every rendered figure: no logo, no link to the Chart Studio cloud. */
export const PLOT_CONFIG = Object.freeze({ responsive: true, displaylogo: false, showLink: false, showSendToCloud: false });

/**
 * An HTML fragment that draws `figure` into a new `<div id=divId>` with the page's global `Plotly`
 * (the bundle must already be on the page). If Plotly is missing (e.g. the notebook page was reloaded
 * while the kernel kept running) the div says so instead of staying blank.
 * `config` is merged over `PLOT_CONFIG` (e.g. `{ displayModeBar: false }` for screenshots).
 * The JSON is escaped so a title containing `</script>` cannot end the script early.
 */
export function figureSnippet(figure: Figure, divId: string, config: Record<string, unknown> = {}): string {
  const json = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');
  const height = typeof figure.layout.height === 'number' ? `${figure.layout.height}px` : '420px';
  return (
    `<div id="${divId}" class="vecbt-plot" style="width:100%;height:${height};"></div>\n` +
    `<script>(function(){var el=document.getElementById(${json(divId)});` +
    `if(!window.Plotly){el.textContent='Plotly is not loaded in this page: call show(figure, { inline: true }) or restart the kernel.';return;}` +
    `window.Plotly.newPlot(el,${json(figure.data)},${json(figure.layout)},${json({ ...PLOT_CONFIG, ...config })});})();</script>`
  );
}
