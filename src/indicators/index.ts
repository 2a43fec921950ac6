/**
 * Indicators of the RVOL/ATR% strategy. Batch kernels over column-major Float64Arrays (`a[col * nRows + row]`,
 * missing = NaN), each as a `name1d` (one series) / `name` (matrix, per column on its own rows) pair.
 */
export { rvol1d, rvol } from './rvol';
export { trueRange1d, trueRange } from './trueRange';
export { atr1d, atr } from './atr';
export { atrPct1d, atrPct } from './atrPct';
export { presentRows, onOwnRows } from './ownRows';
export type { Kernel1d } from './ownRows';
