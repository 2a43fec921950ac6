/** The chunked batch runner: a library emitting the typed events of `events.ts`, and the chunk step every driver shares. */
export { BatchRunner, runBatch, twoYearsBefore, compactToIndex } from './BatchRunner';
export { memorySample } from './memorySample';
export { runChunk, strategyView } from './runChunk';
export type { ChunkJob, ChunkStepResult, RunChunkOptions } from './runChunk';
export { planFor, planOf, storedParams, settingsFromStored, runStrategyOf } from './runPlan';
export type { RunPlan } from './runPlan';
export type { BatchOptions } from './BatchRunner';
export { chunkRows, skipVerdicts, STAT_COLUMN, SWEEP_STATS } from './chunkRows';
export type { ComboResult, ComboProgress, ChunkRows, Verdicts } from './chunkRows';
export type * from './events';
