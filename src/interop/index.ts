/**
 * danfo interop: engine outputs as danfo DataFrames and a danfo DataFrame of prices as input. danfojs is only
 * ever loaded lazily (`loadDanfo`), never by importing this module.
 */
export type { ColumnTable, TableLabels } from './columnTable';
export { statsColumns } from './statsColumns';
export { tradeColumns } from './tradeColumns';
export { gridColumns } from './gridColumns';
export { loadDanfo } from './loadDanfo';
export type { Danfo } from './loadDanfo';
export { toDataFrame, toColumns } from './toDataFrame';
export type { DataFrameSource, ResultsLike } from './toDataFrame';
export { ohlcvFromDataFrame } from './fromDataFrame';
export { loadOhlcv } from './loadOhlcv';
export type { LoadOhlcvOptions, LoadedOhlcv } from './loadOhlcv';
