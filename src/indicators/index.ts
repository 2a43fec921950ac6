/**
 * Indicators: batch kernels over column-major Float64Arrays (`a[col * nRows + row]`, missing = NaN), each as a
 * `name1d` (one series) / `name` (matrix) pair. rvol, trueRange, atr and atrPct (the RVOL/ATR% strategy) work per
 * column on its own rows; ma, rsi, bbands, macd and donchian work on the union-index rows, NaN rows included, as
 * vectorbt's indicator classes do on a pivoted frame.
 */
export { rvol1d, rvol } from './rvol';
export { trueRange1d, trueRange } from './trueRange';
export { atr1d, atr } from './atr';
export { atrPct1d, atrPct } from './atrPct';
export { presentRows, onOwnRows } from './ownRows';
export type { Kernel1d } from './ownRows';
export { ma1d, ma } from './ma';
export { rsi1d, rsi } from './rsi';
export { bbands1d, bbands, type Bands } from './bbands';
export { macd1d, macd, type MacdLines, type MacdParams } from './macd';
export { donchian1d, donchian, type Channel } from './donchian';
