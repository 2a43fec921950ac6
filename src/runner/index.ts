/** The chunked batch runner: a library emitting the typed events of `events.ts`. */
export { BatchRunner, runBatch, twoYearsBefore, memorySample, fromStored, RUN_LOCK } from './BatchRunner';
export type { BatchOptions } from './BatchRunner';
export { chunkRows, warmupBars, STAT_COLUMN } from './chunkRows';
export type * from './events';
