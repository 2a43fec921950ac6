/**
 * vecbt public API: what notebooks import (`import * as vb from './src/index'`) and what library users see.
 * The batch runner, the Ink UI and the PostgreSQL access are deliberately not exported here, and nothing
 * exported loads danfojs or tslab at import time (both are loaded lazily by the functions that need them).
 * Relative imports stay extensionless so the tslab kernel (TypeScript 5.0, CommonJS output, Node10
 * resolution) loads this file as well as tsx and vitest do.
 */

// portfolio: the vectorbt-faithful simulation, its records, stats and the labelled Portfolio wrapper
export * from './portfolio/index';

// kernels: the numeric building blocks of indicators and signals, for strategy files (`import { rollingMax } from 'vecbt'`)
export { rollingMean1d, rollingMean, rollingStd1d, rollingStd, ewmMean1d, ewmMean, rollingMax1d, rollingMax, rollingMin1d, rollingMin } from './kernels/index';
export { crossedAbove1d, crossedAbove, crossedBelow1d, crossedBelow, greaterThan, lessThan, fshift1d, fshift, shift1d, shift } from './kernels/index';
export type { SeriesOrLevel } from './kernels/index';

// indicators
export * from './indicators/index';

// strategies: the contract (defineStrategy, param specs, portfolio settings), running, loading and checking them
export * from './strategy/index';
// the built-in strategies (vb.strategies.ma_cross, ...) and their registry
export { strategies, getStrategy, isBuiltin, DEFAULT_STRATEGY_NAME } from './strategies/index';
export type { BuiltinName } from './strategies/index';

// data: CSV loading (straight to matrices, or as rows) and the pivot of rows to matrices
export { OHLCV_COLUMNS, readOhlcvCsv, readOhlcvCsvBatches, parseOhlcvCsv, concatRows } from './data/csv';
export type { OhlcvRows, OhlcvBatch, CsvReadOptions } from './data/csv';
export { pivotOhlcv } from './data/pivot';
export { readOhlcvMatrix } from './data/readOhlcvMatrix';
export type { ReadOhlcvMatrixOptions } from './data/readOhlcvMatrix';
export type { OhlcvMatrix, PivotedOhlcv, PivotOptions } from './data/pivot';

// parameter sweeps
export * from './sweep/index';

// plots: figure builders, show() for tslab, writeHtml() for offline HTML
export * from './plot/index';

// danfo interop (danfojs loaded lazily)
export * from './interop/index';
