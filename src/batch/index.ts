/** The chunked batch runner: a library emitting the typed events of `events.ts`. */
export { BatchRunner, runBatch, twoYearsBefore, fromStored, RUN_LOCK } from './BatchRunner';
export { memorySample } from './memorySample';
export { commitChunk } from './commitChunk';
export type { ChunkCommit, ChunkEngine } from './commitChunk';
export type { BatchOptions } from './BatchRunner';
export { chunkRows, warmupBars, STAT_COLUMN } from './chunkRows';
export type * from './events';
