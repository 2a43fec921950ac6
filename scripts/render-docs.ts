/**
 * Renders the README's chart pictures: one PNG per chart kind in docs/, drawn by headless Chromium from the
 * same offline HTML `writeHtml` produces. Run: `node bin/run-ts.mjs scripts/render-docs.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vb from '../src/index';
import { screenshot } from './chromium';

const WIDTH = 1000;
const out = 'docs';
const tmp = mkdtempSync(join(tmpdir(), 'vecbt-docs-'));

function render(name: string, figure: vb.Figure): void {
  const html = join(tmp, `${name}.html`);
  vb.writeHtml(figure, html, { width: WIDTH, config: { displayModeBar: false, responsive: false } });
  const height = typeof figure.layout.height === 'number' ? figure.layout.height : 420;
  screenshot(html, join(out, `${name}.png`), WIDTH, height);
  console.log(`${out}/${name}.png`);
}

try {
  const px = await vb.loadOhlcv({ csv: 'data-fixtures/real/nvda_backtrader.csv', databaseUrl: null });
  const shifted = vb.runStrategy(px.data, vb.strategies.rvol_atr);
  const afterFill = vb.runStrategy(px.data, vb.strategies.rvol_atr, { exit_mode: 'bars-after-fill' });
  const panels = [
    { name: 'RVOL', values: shifted.indicators.rvol, threshold: shifted.params.rvol_min },
    { name: 'ATR %', values: shifted.indicators.atr_pct, threshold: shifted.params.atr_pct_min },
  ];
  const rows: [number, number] = [px.index.indexOf('2000-01-03'), px.index.indexOf('2001-06-29') + 1];
  render('price-signals', vb.priceSignalsFigure({
    x: px.index, close: px.data.close, entries: shifted.signals.entries, exits: shifted.signals.exits, trades: shifted.sim.trades, panels, rows,
    title: 'NVDA 2000 - mid 2001: close, signals and fills; RVOL > 2 and ATR % > 8',
  }));
  render('indicator-panels', vb.indicatorPanelsFigure(px.index, panels, { title: 'NVDA: RVOL and ATR % with their thresholds' }));
  const buyHold = vb.buyAndHold(px.data.close, shifted.portfolio.init_cash);
  render('equity', vb.equityFigure(px.index, [
    { name: 'shifted-signal exits (stale exits)', values: shifted.sim.value },
    { name: 'bars-after-fill exits', values: afterFill.sim.value },
    { name: 'Buy & hold', values: buyHold },
  ], { title: 'NVDA: strategy equity, both exit modes, vs buy & hold (log scale)', logY: true }));
  render('drawdown', vb.drawdownFigure(px.index, [
    { name: 'shifted-signal', values: shifted.sim.value },
    { name: 'bars-after-fill', values: afterFill.sim.value },
  ], { title: 'NVDA: drawdown from the running peak' }));

  const u = await vb.loadOhlcv({ csv: 'data-fixtures/golden/u01_synthetic_30x300.ohlcv.csv', databaseUrl: null });
  const r = vb.runStrategy(u.data, vb.strategies.rvol_atr);
  const t = vb.toColumns(r, u);
  const totalReturn = t['Total Return [%]'] as number[];
  const winRate = t['Win Rate [%]'] as number[];
  render('histogram', vb.histogramFigure([{ name: 'Total return [%]', values: totalReturn }], {
    title: 'u01 universe: total return per ticker (30 tickers)', xTitle: 'Total return [%]', nbins: 15,
  }));
  render('scatter', vb.scatterFigure({
    x: winRate, y: totalReturn, labels: t.ticker as string[], xTitle: 'Win rate [%]', yTitle: 'Total return [%]',
    title: 'u01 universe: win rate vs total return, one point per ticker',
  }));
  const g = vb.runGrid(u.data, vb.strategies.rvol_atr, { rvol_min: [1.5, 2, 2.5, 3], atr_pct_min: [4, 6, 8, 10], hold_bars: [7] });
  render('heatmap', vb.heatmapFigure({
    ...vb.gridSurface(g, 'Total Return [%]', 'rvol_min', 'atr_pct_min', { hold_bars: 7 }),
    xTitle: 'atr_pct_min', yTitle: 'rvol_min', zTitle: 'Mean total return [%]',
    title: 'u01 universe: mean total return [%] over the grid (hold_bars = 7)',
  }));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
