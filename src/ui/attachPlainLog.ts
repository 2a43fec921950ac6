/**
 * The plain-log reporter: the same runner events the TUI draws, as one line each, for a stdout
 * that is not a terminal (Heroku logs, CI, a pipe) or `--no-tui`. No ANSI codes, no cursor moves;
 * every line ends in "\n" and is written whole. Memory samples only feed the peak (they come every
 * 250 ms and would drown the log); chunk:start and chunk:phase are not printed either.
 */
import type { RunnerEventMap, RunnerEventName, RunnerEvents, TickerSummary } from '../batch/events';
import {
  elapsedMs,
  initialRunProgress,
  reduceRunProgress,
  tickersPerSecond,
  type FinishedChunk,
  type RunErrorEntry,
  type RunnerAction,
  type RunProgressState,
} from './reduceRunProgress';
import { formatDuration, formatMb, formatMs, formatParams, formatPct, formatRate, formatSignedPct } from './format';

const EVENT_NAMES: readonly RunnerEventName[] = ['run:start', 'chunk:start', 'chunk:phase', 'chunk:done', 'chunk:error', 'memory', 'run:done'];

/**
 * Prints the run to `out` as plain lines until the returned detach function is called.
 * `now` is the clock the summary's rates fall back on (tests pass a fake one).
 * @example
 * const detach = attachPlainLog(runner, process.stdout);
 * try { await runner.run(); } finally { detach(); }
 */
export function attachPlainLog(events: RunnerEvents, out: NodeJS.WritableStream, now: () => number = Date.now): () => void {
  let state = initialRunProgress;
  const listeners = EVENT_NAMES.map((type) => {
    const listener = (payload: RunnerEventMap[typeof type]) => {
      const action = { type, payload, at: now() } as RunnerAction;
      state = reduceRunProgress(state, action);
      for (const line of plainLogLines(action, state)) out.write(line + '\n');
    };
    events.on(type, listener);
    return [type, listener] as const;
  });
  return () => {
    for (const [type, listener] of listeners) events.off(type, listener);
  };
}

/** The lines one event prints, given the state after it was folded in. */
export function plainLogLines(action: RunnerAction, state: RunProgressState): string[] {
  switch (action.type) {
    case 'run:start': {
      const p = action.payload;
      const resumed = p.resumed ? ` resumed with ${p.chunksDone}/${p.chunksTotal} chunks (${p.tickersDone} tickers) done` : '';
      return [
        `run ${p.runId} start target ${p.target} dates ${p.dateFrom}..${p.dateTo} chunk size ${p.chunkSize} ` +
          `tickers ${p.tickersTotal} chunks ${p.chunksTotal} memory budget ${formatMb(p.memoryBudgetMb)} strategy ${p.strategy} ${formatParams(p.settings)}${resumed}`,
        ...(p.warnings ?? []).map((w) => `warning: ${w}`),
      ];
    }
    case 'chunk:done': {
      const chunk = state.chunks[state.chunks.length - 1];
      const skipped = state.errors.slice(state.errors.length - action.payload.skipped.length);
      return [chunkLine(chunk), ...skipped.map(errorLine)];
    }
    case 'chunk:error':
      return [errorLine(state.errors[state.errors.length - 1])];
    case 'run:done':
      return summaryLines(state);
    default:
      return [];
  }
}

/** `chunk 12/13 500 tickers read 210ms sim 35ms write 90ms rss 141MB trades 812 win 53.1%` */
export function chunkLine(c: FinishedChunk): string {
  return (
    `chunk ${c.chunkNo}/${c.chunksTotal} ${c.tickers} tickers read ${formatMs(c.readMs)} sim ${formatMs(c.computeMs)} ` +
    `write ${formatMs(c.writeMs)} rss ${formatMb(c.rssMb)} trades ${c.trades} win ${formatPct(c.meanWinRatePct)}` +
    (c.skipped > 0 ? ` skipped ${c.skipped}` : '') +
    (c.worker !== undefined ? ` worker ${c.worker}` : '')
  );
}

/** `chunk 3 error attempt 1: connection reset; retrying in 2000ms` or `chunk 4 skipped XYZ: no bars`. */
export function errorLine(e: RunErrorEntry): string {
  if (e.kind === 'skipped') return `chunk ${e.chunkNo} skipped ${e.ticker}: ${e.reason}`;
  const next = e.willRetry ? `retrying${e.retryInMs !== undefined ? ` in ${formatMs(e.retryInMs)}` : ''}` : 'not retrying';
  return `chunk ${e.chunkNo} error attempt ${e.attempt}: ${e.message}; ${next}`;
}

function tickerLine(rank: number, r: TickerSummary, width: number): string {
  return (
    `  ${String(rank).padStart(2)} ${r.ticker.padEnd(width)} return ${formatSignedPct(r.totalReturnPct).padStart(9)} ` +
    `win ${formatPct(r.winRatePct).padStart(6)} maxdd ${formatPct(r.maxDrawdownPct).padStart(6)} trades ${r.totalTrades}`
  );
}

/** The end-of-run block: status line, aggregate, top/bottom tables (done runs), then the next command. */
export function summaryLines(state: RunProgressState): string[] {
  const d = state.done;
  if (!d) return [];
  const lines = [
    `run ${d.runId} ${d.status} elapsed ${formatDuration(elapsedMs(state))} tickers ${d.tickersDone}/${d.tickersTotal} ` +
      `rate ${formatRate(tickersPerSecond(state))} tickers/s peak rss ${formatMb(state.peakRssMb)}` +
      (state.errors.length > 0 ? ` errors ${state.errors.length}` : ''),
  ];
  if (d.error) lines.push(`${d.status === 'failed' ? 'error' : 'reason'}: ${d.error}`);
  const a = state.aggregate;
  if (a.tickers > 0) {
    lines.push(
      `aggregate tickers with trades ${a.tickersWithTrades}/${a.tickers} trades ${a.trades} mean win ${formatPct(a.meanWinRatePct)} ` +
        `median return ${formatSignedPct(a.medianTotalReturnPct)}` +
        (a.worstMaxDrawdown ? ` worst maxdd ${formatPct(a.worstMaxDrawdown.maxDrawdownPct)} ${a.worstMaxDrawdown.ticker}` : '') +
        (a.best ? ` best ${a.best.ticker} ${formatSignedPct(a.best.totalReturnPct)}` : '') +
        (a.worst ? ` worst ${a.worst.ticker} ${formatSignedPct(a.worst.totalReturnPct)}` : ''),
    );
  }
  if (d.status === 'done' && state.top.length > 0) {
    const width = Math.max(6, ...state.top.map((r) => r.ticker.length), ...state.bottom.map((r) => r.ticker.length));
    const scope = state.start?.resumed ? ' (this session)' : '';
    lines.push(`top ${state.top.length} by total return${scope}`, ...state.top.map((r, i) => tickerLine(i + 1, r, width)));
    if (state.bottom.length > 0) {
      lines.push(`bottom ${state.bottom.length} by total return${scope}`, ...state.bottom.map((r, i) => tickerLine(i + 1, r, width)));
    }
  }
  if (d.resultsCommand) lines.push(`results: ${d.resultsCommand}`);
  if (d.resumeCommand) lines.push(`resume: ${d.resumeCommand}`);
  return lines;
}
