/** priceSignalsFigure marks the short side apart: short signals and the fills of short trades get their own traces. */
import { describe, expect, it } from 'vitest';
import { priceSignalsFigure } from '../../src/plot/priceSignalsFigure';
import { fromSignals } from '../../src/portfolio/fromSignals';

describe('priceSignalsFigure: short markers', () => {
  const dates = ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05'];
  const close = Float64Array.of(10, 10, 12, 12, 9);

  it("priceSignalsFigure({trades: sim.trades}) of a reversal ('both') draws the long fills and the short fills apart", () => {
    const sim = fromSignals({ nRows: 5, nCols: 1, close }, Uint8Array.of(0, 1, 0, 0, 0), Uint8Array.of(0, 0, 0, 1, 0), { direction: 'both' });
    const fig = priceSignalsFigure({ x: dates, close, trades: sim.trades });
    expect(fig.data.map((t) => t.name)).toEqual(['Close', 'Entry fill', 'Exit fill', 'Short entry fill', 'Short exit fill']);
    expect(fig.data[1]).toMatchObject({ x: ['2024-01-02'], y: [10] });
    expect(fig.data[2], 'the reversal closes the long at 12').toMatchObject({ x: ['2024-01-04'], y: [12] });
    expect(fig.data[3], 'and opens the short at 12').toMatchObject({ x: ['2024-01-04'], y: [12], marker: { symbol: 'diamond-open' } });
    expect(fig.data[4], 'the open short is marked at the last close').toMatchObject({ x: ['2024-01-05'], y: [9] });
  });

  it('priceSignalsFigure({shortEntries, shortExits}) adds short signal markers; long-only trades keep the two fill traces', () => {
    const fig = priceSignalsFigure({ x: dates, close, shortEntries: [0, 0, 1, 0, 0], shortExits: [0, 0, 0, 0, 1], rows: [1, 5] });
    expect(fig.data.map((t) => t.name)).toEqual(['Close', 'Short entry signal', 'Short exit signal']);
    expect(fig.data[1]).toMatchObject({ x: ['2024-01-03'], y: [12], marker: { symbol: 'triangle-down' } });
    const sim = fromSignals({ nRows: 5, nCols: 1, close }, Uint8Array.of(1, 0, 0, 0, 0), Uint8Array.of(0, 0, 1, 0, 0));
    expect(priceSignalsFigure({ x: dates, close, trades: sim.trades }).data.map((t) => t.name)).toEqual(['Close', 'Entry fill', 'Exit fill']);
  });
});
