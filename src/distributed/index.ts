/**
 * Distributed runs: one run's chunks as pg-boss jobs on the run's own database, done by any number of
 * `vecbt worker` processes (on one machine or many dynos) with the single-process runner's engine and
 * transactional chunk write; followed from the database with the runner's typed events.
 */
export { DistributedRun, runDistributed } from './DistributedRun';
export type { DistributedOptions, DistributedEventMap, WorkersEvent } from './DistributedRun';
export { ChunkWorker, defaultWorkerName } from './ChunkWorker';
export type { WorkerOptions, WorkerEventMap, WorkerEventName } from './ChunkWorker';
export { processChunk } from './processChunk';
export type { ChunkStepContext, ChunkStepOutcome, RunCache } from './processChunk';
export { attachWorkerLog, attachWorkersLine, workerLogLine } from './attachWorkerLog';
export { openBoss, enqueueChunks, BOSS_SCHEMA, CHUNK_QUEUE, DEAD_CHUNK_QUEUE, DEFAULT_JOB_POLICY } from './queue';
export type { ChunkJob, ChunkJobPolicy } from './queue';
export { superviseWorkers } from './superviseWorkers';
export { listWorkers } from './data/listWorkers';
export type { WorkerRow } from './data/listWorkers';
export { listRunWorkers, formatRunWorkers } from './data/listRunWorkers';
export type { RunWorkerRow } from './data/listRunWorkers';
