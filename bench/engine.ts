/**
 * bench:engine: the in-memory pass of the batch on a seeded synthetic universe (6,000 tickers x 504 bars by
 * default): indicators (rvol, atrPct), signals, simulation, metrics, timed separately.
 *
 *   npm run bench:engine                       # 6000 x 504, 5 timed runs after 1 warm-up
 *   npm run bench:engine -- --tickers 1000 --bars 252 --runs 3 --seed 7
 *   npm run bench:engine -- --gc-between       # charge each phase only for its own garbage
 *   npm run bench:engine -- --reuse-value      # one value matrix for all runs (a chunked runner's setup)
 *   npm run bench:engine -- --direction both   # the general kernel: exits go short (also 'shortonly')
 *   npm run bench:engine -- --portfolio        # the general kernel: one cash-sharing group of all tickers,
 *                                              # 10 % of the cash per entry, call_seq 'auto' (group stats)
 *
 * Prints ms per phase (median of the runs), bars/s for the whole pass, the peak RSS of the process
 * (process.resourceUsage().maxRSS) and the RSS above the input (the generated OHLCV matrices). Then every built-in
 * strategy with its default parameters and the default portfolio settings on the same matrices, through the path
 * of runStrategy (indicators + signals, checked; simulation; every stat), timed round-robin so a loaded machine
 * weighs on all of them alike, with the ratio of each to rvol_atr. Figures only: nothing here asserts a timing.
 */
import { atrPct, rvol } from '../src/indicators';
import { computeStats } from '../src/portfolio/metrics';
import { fromSignals, type SimOptions } from '../src/portfolio/fromSignals';
import type { DirectionName } from '../src/portfolio/enums';
import { rvolAtrSignals as signals } from '../src/strategies/rvolAtr/rvolAtrSignals';
import { strategies } from '../src/strategies';
import type { Strategy } from '../src/strategy/defineStrategy';
import { simOptions, simPrices } from '../src/strategy/portfolioSettings';
import { resolveSettings } from '../src/strategy/resolveSettings';
import { strategySignals } from '../src/strategy/runStrategy';

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}

const nCols = arg('tickers', 6000);
const nRows = arg('bars', 504);
const runs = arg('runs', 5);
const seed = arg('seed', 42);
/** --gc-between: collect garbage between phases (untimed), so each phase is charged only for its own GC work. */
const gcBetween = process.argv.includes('--gc-between');
/** --reuse-value: pass one preallocated value matrix to every simulation (what a chunked runner would do). */
const reuseValue = process.argv.includes('--reuse-value');
const valueBuffer = reuseValue ? new Float64Array(nRows * nCols) : undefined;
/** --direction shortonly|both: simulate the short side (the general kernel); default longonly (the long-only kernel). */
const dirArg = process.argv.indexOf('--direction');
const direction = (dirArg >= 0 ? process.argv[dirArg + 1] : 'longonly') as DirectionName;
/** --portfolio: all tickers trade from one account (groupBy true, cashSharing, callSeq auto, 10 % per entry). */
const portfolio = process.argv.includes('--portfolio');
const benchOptions: SimOptions = { slStop: 0.03, fees: 0.001, direction };
if (portfolio) Object.assign(benchOptions, { groupBy: true, cashSharing: true, callSeq: 'auto', sizeType: 'percent', size: 0.1, initCash: 100_000 });
const MB = 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

/** mulberry32: a small seeded PRNG, enough for synthetic prices. */
function rng(s: number): () => number {
  let a = s >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Volatile small caps: log-normal walk (daily vol 3-9%), intrabar range, volume with occasional 3-8x spikes. */
function synthesize(): { open: Float64Array; high: Float64Array; low: Float64Array; close: Float64Array; volume: Float64Array } {
  const n = nRows * nCols;
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  const volume = new Float64Array(n);
  const r = rng(seed);
  const gauss = () => {
    const u = r() || 1e-12;
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
  };
  for (let c = 0; c < nCols; c++) {
    const vol = 0.03 + 0.06 * r();
    let px = 2 + 20 * r();
    const baseVol = 1e5 * (0.2 + 5 * r());
    for (let i = 0; i < nRows; i++) {
      const k = c * nRows + i;
      const o = px * (1 + 0.3 * vol * gauss());
      px = Math.max(0.05, px * Math.exp(vol * gauss() - 0.5 * vol * vol));
      open[k] = o;
      close[k] = px;
      high[k] = Math.max(o, px) * (1 + vol * Math.abs(gauss()));
      low[k] = Math.min(o, px) * (1 - 0.5 * vol * Math.abs(gauss()));
      const spike = r() < 0.04 ? 3 + 5 * r() : 1;
      volume[k] = baseVol * spike * Math.exp(0.3 * gauss());
    }
  }
  return { open, high, low, close, volume };
}

function median(a: number[]): number {
  const s = [...a].sort((x, y) => x - y);
  return s[s.length >> 1];
}

const data = synthesize();
gc();
const rssInput = process.memoryUsage().rss;
const inputMb = (5 * nRows * nCols * 8) / MB;
let peakSampled = rssInput;
const phaseMaxRss: number[] = [];
const sample = () => {
  const r = process.memoryUsage().rss;
  if (r > peakSampled) peakSampled = r;
  if (phaseMaxRss.length < 4) phaseMaxRss.push(process.resourceUsage().maxRSS * 1024);
};
const maxRssBefore = process.resourceUsage().maxRSS * 1024;

const params = { rvol_min: 2, atr_pct_min: 8, hold_bars: 7, exit_mode: 'shifted-signal' };
const times = { indicators: [] as number[], signals: [] as number[], simulation: [] as number[], metrics: [] as number[] };
const cpuTimes = { indicators: [] as number[], signals: [] as number[], simulation: [] as number[], metrics: [] as number[] };
let trades = 0;
let entriesCount = 0;
let firstRunRss = 0;
// Machine calibration: one read pass over the close matrix, so figures from a loaded machine can be scaled.
const calib: number[] = [];
for (let k = 0; k < 5; k++) {
  const t = performance.now();
  let acc = 0;
  for (let i = 0; i < data.close.length; i++) acc += data.close[i];
  calib.push(performance.now() - t);
  if (acc === -1) console.log(acc);
}
for (let run = 0; run <= runs; run++) {
  gc();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const rv = rvol(data.volume, nRows, nCols, 20);
  const ap = atrPct(data.high, data.low, data.close, nRows, nCols, 14);
  sample();
  if (gcBetween) gc();
  const c1 = process.cpuUsage();
  const t1 = performance.now();
  const sig = signals(rv, ap, nRows, nCols, params);
  sample();
  if (gcBetween) gc();
  const c2 = process.cpuUsage();
  const t2 = performance.now();
  const prices = { nRows, nCols, close: data.close };
  const sim = fromSignals(prices, sig.entries, sig.exits, benchOptions, { value: valueBuffer });
  sample();
  if (gcBetween) gc();
  const c3 = process.cpuUsage();
  const t3 = performance.now();
  const stats = computeStats(prices, sim);
  const t4 = performance.now();
  const c4 = process.cpuUsage();
  sample();
  if (stats.values.length === 0) throw new Error('no stats');
  if (run === 0) {
    firstRunRss = process.memoryUsage().rss;
    trades = sim.trades.length;
    for (let i = 0; i < sig.entries.length; i++) entriesCount += sig.entries[i];
    continue; // warm-up
  }
  const cpu = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage) => (b.user - a.user + b.system - a.system) / 1000;
  cpuTimes.indicators.push(cpu(c0, c1));
  cpuTimes.signals.push(cpu(c1, c2));
  cpuTimes.simulation.push(cpu(c2, c3));
  cpuTimes.metrics.push(cpu(c3, c4));
  times.indicators.push(t1 - t0);
  times.signals.push(t2 - t1);
  times.simulation.push(t3 - t2);
  times.metrics.push(t4 - t3);
}

const maxRss = process.resourceUsage().maxRSS * 1024;
const peak = Math.max(peakSampled, maxRss > maxRssBefore ? maxRss : 0);
const total = median(times.indicators) + median(times.signals) + median(times.simulation) + median(times.metrics);
const bars = nRows * nCols;
console.log(`bench:engine  ${nCols} tickers x ${nRows} bars = ${bars.toLocaleString('en-US')} bars, seed ${seed}, median of ${runs} runs (+1 warm-up)${gcBetween ? ', gc between phases' : ''}${reuseValue ? ', reused value buffer' : ''}${direction !== 'longonly' ? `, direction ${direction}` : ''}${portfolio ? ', one cash-sharing portfolio' : ''}`);
console.log(`  entries ${entriesCount.toLocaleString('en-US')}, trades ${trades.toLocaleString('en-US')}`);
const cpuTotal = median(cpuTimes.indicators) + median(cpuTimes.signals) + median(cpuTimes.simulation) + median(cpuTimes.metrics);
console.log(`  phase        wall ms (median)   cpu ms (median; less sensitive to a loaded machine)`);
for (const [k, v] of Object.entries(times)) console.log(`  ${k.padEnd(11)} ${median(v).toFixed(1).padStart(8)} ms ${median(cpuTimes[k as keyof typeof cpuTimes]).toFixed(1).padStart(14)} ms`);
console.log(`  ${'total'.padEnd(11)} ${total.toFixed(1).padStart(8)} ms ${cpuTotal.toFixed(1).padStart(14)} ms   ${(bars / (total / 1000) / 1e6).toFixed(1)} M bars/s wall`);
console.log(`  calibration: one read pass over close ${Math.min(...calib).toFixed(1)} ms (load average ${(await import('node:os')).loadavg()[0].toFixed(1)})`);
console.log(`  RSS after the first (warm-up) pass: ${((firstRunRss - rssInput) / MB).toFixed(0)} MB above input (indicators 2 x ${((nRows * nCols * 8) / MB).toFixed(0)} MB, value ${((nRows * nCols * 8) / MB).toFixed(0)} MB, signals 2 x ${((nRows * nCols) / MB).toFixed(0)} MB live)`);
console.log(`  peak RSS above input after each phase of the warm-up pass: ${['indicators', 'signals', 'simulation', 'metrics'].map((p, i) => `${p} ${((phaseMaxRss[i] - rssInput) / MB).toFixed(0)} MB`).join(', ')}`);
console.log(`  input (OHLCV) ${inputMb.toFixed(0)} MB; RSS after input ${(rssInput / MB).toFixed(0)} MB; peak RSS ${(maxRss / MB).toFixed(0)} MB (maxRSS); RSS above input ${((peak - rssInput) / MB).toFixed(0)} MB`);

/**
 * Every built-in on the same matrices, as runStrategy runs it: indicators + signals (with the output checks),
 * the simulation and every stat. Round-robin over the strategies within each run; medians of wall and CPU time.
 */
function benchStrategies(): void {
  const list = Object.values(strategies) as unknown as Strategy<never>[];
  const wall = list.map(() => ({ signals: [] as number[], rest: [] as number[], total: [] as number[] }));
  const cpu = list.map(() => [] as number[]);
  const counts = list.map(() => ({ entries: 0, trades: 0 }));
  const cpuMs = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage) => (b.user - a.user + b.system - a.system) / 1000;
  for (let run = 0; run <= runs; run++) {
    list.forEach((strategy, k) => {
      const { params, portfolio } = resolveSettings(strategy, {});
      const timeExit = strategy.timeExitBars ? strategy.timeExitBars(params) : 0;
      gc();
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const { signals: sig } = strategySignals(strategy, { nRows, nCols, ...data }, params);
      const t1 = performance.now();
      const prices = simPrices({ nRows, nCols, ...data }, portfolio);
      const sim = fromSignals(prices, sig.entries, sig.exits, simOptions(portfolio, timeExit), { value: valueBuffer });
      const stats = computeStats(prices, sim, { initCash: portfolio.init_cash, freqDays: 1 });
      const t2 = performance.now();
      const c2 = process.cpuUsage();
      if (stats.values.length === 0) throw new Error('no stats');
      if (run === 0) {
        for (let i = 0; i < sig.entries.length; i++) counts[k].entries += sig.entries[i];
        counts[k].trades = sim.trades.length;
        return; // warm-up
      }
      wall[k].signals.push(t1 - t0);
      wall[k].rest.push(t2 - t1);
      wall[k].total.push(t2 - t0);
      cpu[k].push(cpuMs(c0, c2));
    });
  }
  const ref = list.findIndex((s) => s.name === 'rvol_atr');
  const refWall = median(wall[ref].total);
  const refCpu = median(cpu[ref]);
  console.log(`bench:engine built-ins  ${nCols} tickers x ${nRows} bars, default parameters and portfolio settings, median of ${runs} runs (+1 warm-up), round-robin`);
  console.log(`  ${'strategy'.padEnd(18)} ${'ind+sig ms'.padStart(10)} ${'sim+stats ms'.padStart(12)} ${'total ms'.padStart(9)} ${'cpu ms'.padStart(8)}  ${'x rvol_atr (wall / cpu)'.padStart(23)}  ${'entries'.padStart(9)} ${'trades'.padStart(8)}`);
  list.forEach((s, k) => {
    const w = median(wall[k].total);
    const c = median(cpu[k]);
    const ratio = `${(w / refWall).toFixed(2)} / ${(c / refCpu).toFixed(2)}`;
    console.log(
      `  ${s.name.padEnd(18)} ${median(wall[k].signals).toFixed(1).padStart(10)} ${median(wall[k].rest).toFixed(1).padStart(12)} ${w.toFixed(1).padStart(9)} ${c.toFixed(1).padStart(8)}  ${ratio.padStart(23)}  ${counts[k].entries.toLocaleString('en-US').padStart(9)} ${counts[k].trades.toLocaleString('en-US').padStart(8)}`,
    );
  });
}

benchStrategies();
