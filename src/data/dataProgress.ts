/**
 * Progress of the long data steps, `vecbt db load` (a CSV into daily_market_data) and `vecbt db synth` (a
 * synthetic universe), as typed events: the library functions emit them through an `onProgress` callback and
 * never print; the command renders them (an Ink bar on a terminal, a plain line per tenth otherwise).
 *
 * Glossary: a *step* is one load or one synth; its *input* is measured in `bytes` of the file (load) or
 * `tickers` generated (synth); *rows* are bars (one ticker on one date). A step streams its input to the server
 * (`step:progress`, as often as every chunk: renderers thin them out), then waits for the server's phases
 * (`step:phase`), then ends (`step:done`); a failure is a thrown error, not an event.
 */

export type DataStep = 'load' | 'synth';

/** The server-side work after the input is sent, in the order it happens (each phase is optional). */
export type DataPhase =
  /** db load: the file's rows overlap the table (or repeat): it is read again into a stage (progress restarts) */
  | 'restage'
  /** db load: new tickers, then the staged rows upserted into daily_market_data */
  | 'upsert'
  /** our (date, ticker) index rebuilt after a bulk write (see deferDateIndex) */
  | 'index'
  /** db synth: VACUUM (ANALYZE) so the first run does not pay for hint bits */
  | 'vacuum';

export interface DataProgressEvents {
  /** `done` of `total` input units are sent; `rows` bars so far */
  'step:progress': { step: DataStep; unit: 'bytes' | 'tickers'; done: number; total: number; rows: number; elapsedMs: number };
  /** the input is all sent; the server is doing `phase` */
  'step:phase': { step: DataStep; phase: DataPhase; rows: number; elapsedMs: number };
  /** committed: `rows` bars of `tickers` tickers (`newTickers` of them created) */
  'step:done': { step: DataStep; rows: number; tickers: number; newTickers: number; elapsedMs: number };
}

/** One event: `{ type: 'step:progress', step: 'load', ... }`. */
export type DataProgressEvent = { [K in keyof DataProgressEvents]: { type: K } & DataProgressEvents[K] }[keyof DataProgressEvents];

export type OnDataProgress = (event: DataProgressEvent) => void;
