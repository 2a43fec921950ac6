/**
 * The state of a `vecbt db load` / `vecbt db synth` step as its progress events fold in (`src/data/dataProgress.ts`),
 * and the text both renderers show for it: the Ink bar (`DataProgressView`) and the plain log
 * (`dataProgressLog`). Pure; the clock is the events' own `elapsedMs`.
 */
import type { DataPhase, DataProgressEvent, DataStep } from '../data/dataProgress';
import { formatDuration } from './format';

export interface DataProgressState {
  step: DataStep | null;
  unit: 'bytes' | 'tickers';
  done: number;
  total: number;
  rows: number;
  elapsedMs: number;
  /** the server phase running now (after the input was sent), if any */
  phase: DataPhase | null;
  /** set by `step:done` */
  finished: { rows: number; tickers: number; newTickers: number } | null;
}

export const initialDataProgress: DataProgressState = {
  step: null,
  unit: 'bytes',
  done: 0,
  total: 0,
  rows: 0,
  elapsedMs: 0,
  phase: null,
  finished: null,
};

/** reduceDataProgress(state, event): the state after `event`. */
export function reduceDataProgress(state: DataProgressState, e: DataProgressEvent): DataProgressState {
  switch (e.type) {
    case 'step:progress':
      return { ...state, step: e.step, unit: e.unit, done: e.done, total: e.total, rows: e.rows, elapsedMs: e.elapsedMs, phase: null };
    case 'step:phase':
      return { ...state, step: e.step, phase: e.phase, elapsedMs: e.elapsedMs, ...(e.phase === 'restage' ? { done: 0, rows: 0 } : {}) };
    case 'step:done':
      return { ...state, step: e.step, rows: e.rows, elapsedMs: e.elapsedMs, phase: null, finished: { rows: e.rows, tickers: e.tickers, newTickers: e.newTickers } };
  }
}

const thousands = (n: number) => Math.round(n).toLocaleString('en-US');

/** `12.5 MB` (MiB, one decimal). */
export function formatBytes(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MB`;
}

/** The fraction of the input done, in [0, 1]. */
export function dataFraction(s: DataProgressState): number {
  return s.total > 0 ? Math.min(1, s.done / s.total) : 0;
}

/** Rows per second so far. */
export function rowsPerSecond(s: DataProgressState): number {
  return s.elapsedMs > 0 ? s.rows / (s.elapsedMs / 1000) : 0;
}

/**
 * The progress figures of a state, e.g. `10.5 MB/104.9 MB  108,400 rows  52,000 rows/s  2.1s` (load) or
 * `600/6,000 tickers  302,400 bars  151,000 bars/s  2.0s` (synth).
 */
export function dataProgressText(s: DataProgressState): string {
  const noun = s.step === 'synth' ? 'bars' : 'rows';
  const input = s.unit === 'bytes' ? `${formatBytes(s.done)}/${formatBytes(s.total)}` : `${thousands(s.done)}/${thousands(s.total)} tickers`;
  return `${input}  ${thousands(s.rows)} ${noun}  ${thousands(rowsPerSecond(s))} ${noun}/s  ${formatDuration(s.elapsedMs)}`;
}

/** What the server is doing in `phase`, as a clause. */
export function phaseText(phase: DataPhase, rows: number): string {
  switch (phase) {
    case 'restage':
      return 'rows already in the table (or repeated in the file): reading it again into a stage to upsert';
    case 'upsert':
      return `upserting ${thousands(rows)} rows into daily_market_data`;
    case 'index':
      return 'rebuilding the date index vecbt_daily_market_data_date';
    case 'vacuum':
      return 'VACUUM (ANALYZE) daily_market_data';
  }
}
