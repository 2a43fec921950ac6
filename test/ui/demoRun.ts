/**
 * A scripted run for looking at the TUI in a real terminal without a database:
 * `npx tsx test/ui/demoRun.ts [--plain] [--chunks N] [--chunk-ms MS]`. Press q or Ctrl+C to abort.
 * Not a test; the events are made up (random returns, a retried chunk, a skipped ticker).
 */
import { FakeRunner } from './fakeRun';
import { attachPlainLog } from '../../src/ui/attachPlainLog';
import { renderTui } from '../../src/ui/renderTui';
import type { TickerSummary } from '../../src/batch/events';

const args = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const plain = args.includes('--plain') || !process.stdout.isTTY;
const chunksTotal = opt('--chunks', 13);
const chunkMs = opt('--chunk-ms', 600);
const chunkSize = 500;
const tickersTotal = chunksTotal * chunkSize - 137;
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const sym = (i: number) => String.fromCharCode(65 + ((i / 676) | 0) % 26, 65 + ((i / 26) | 0) % 26, 65 + (i % 26));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = () => {
  const m = process.memoryUsage();
  return { rssMb: m.rss / 2 ** 20 + 60, heapUsedMb: m.heapUsed / 2 ** 20, arrayBuffersMb: m.arrayBuffers / 2 ** 20 };
};

const runner = new FakeRunner();
let abort = false;
const tui = plain ? undefined : renderTui(runner, { onAbort: () => (abort = true) });
const detach = plain ? attachPlainLog(runner, process.stdout) : undefined;
process.on('SIGTERM', () => (abort = true));

async function main() {
  const started = Date.now();
  let peak = 0;
  const sampler = setInterval(() => {
    const memory = mb();
    peak = Math.max(peak, memory.rssMb);
    runner.send('memory', { memory, peakRssMb: peak });
  }, 250);
  runner.send('run:start', {
    runId: 12, target: 'embedded (127.0.0.1:54329/vecbt)', dateFrom: '2019-01-02', dateTo: '2024-12-31', chunkSize,
    chunksTotal, tickersTotal, chunksDone: 0, tickersDone: 0, resumed: false,
    strategy: 'rvol_atr', settings: [{ flag: '--rvol-window', value: '20' }, { flag: '--rvol-min', value: '2' }, { flag: '--atr-window', value: '14' }, { flag: '--atr-pct-min', value: '3' }], memoryBudgetMb: 512,
  });
  let done = 0;
  let status: 'done' | 'aborted' = 'done';
  for (let c = 1; c <= chunksTotal; c++) {
    if (abort) {
      status = 'aborted';
      break;
    }
    const n = Math.min(chunkSize, tickersTotal - done);
    for (let attempt = 1; ; attempt++) {
      runner.send('chunk:start', { runId: 12, chunkNo: c, chunksTotal, tickers: n, firstTicker: sym(done), lastTicker: sym(done + n - 1), attempt });
      runner.send('chunk:phase', { runId: 12, chunkNo: c, phase: 'reading' });
      await sleep(chunkMs * 0.6);
      if (c === 3 && attempt === 1) {
        runner.send('chunk:error', { runId: 12, chunkNo: c, attempt, willRetry: true, retryInMs: 500, message: 'Connection terminated unexpectedly' });
        await sleep(500);
        continue;
      }
      runner.send('chunk:phase', { runId: 12, chunkNo: c, phase: 'simulating' });
      await sleep(chunkMs * 0.1);
      runner.send('chunk:phase', { runId: 12, chunkNo: c, phase: 'writing' });
      await sleep(chunkMs * 0.3);
      break;
    }
    const results: TickerSummary[] = [];
    const skipped = c === 5 ? [{ ticker: sym(done + 7), reason: 'fewer bars than the ATR window (9 < 14)' }] : [];
    for (let i = 0; i < n; i++) {
      if (skipped.some((s) => s.ticker === sym(done + i))) continue;
      const trades = Math.floor(rand() * 12);
      results.push({
        ticker: sym(done + i),
        totalReturnPct: trades === 0 ? 0 : (rand() - 0.45) * 120,
        winRatePct: trades === 0 ? NaN : rand() * 100,
        maxDrawdownPct: trades === 0 ? NaN : rand() * 60,
        totalTrades: trades,
      });
    }
    const withTrades = results.filter((r) => r.totalTrades > 0);
    runner.send('chunk:done', {
      runId: 12, chunkNo: c, chunksTotal, tickers: n, bars: n * 1510,
      readMs: chunkMs * 0.6 + rand() * 40, computeMs: chunkMs * 0.1 + rand() * 10, writeMs: chunkMs * 0.3 + rand() * 20,
      memory: mb(), trades: results.reduce((s, r) => s + r.totalTrades, 0), tickersWithTrades: withTrades.length,
      meanWinRatePct: withTrades.reduce((s, r) => s + r.winRatePct, 0) / withTrades.length, results, skipped,
    });
    done += n;
  }
  clearInterval(sampler);
  runner.send('run:done', {
    runId: 12, status, elapsedMs: Date.now() - started, tickersDone: done, tickersTotal, peakRssMb: peak,
    ...(status === 'done' ? { resultsCommand: 'npx vecbt results 12' } : { error: 'aborted by the user', resumeCommand: 'npx vecbt run --resume 12' }),
  });
}

try {
  await main();
  await tui?.waitUntilExit();
} finally {
  tui?.unmount();
  detach?.();
}
