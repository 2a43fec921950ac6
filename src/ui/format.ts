/**
 * Plain-text formatting shared by the terminal UI and the plain-log reporter, so both print the
 * same figures the same way. Every function is pure; NaN (no trade, no drawdown) prints as "n/a".
 */

/** `210ms`; milliseconds rounded to whole numbers. */
export function formatMs(ms: number): string {
  return Number.isFinite(ms) ? `${Math.round(ms)}ms` : 'n/a';
}

/** `141MB`; megabytes rounded to whole numbers. */
export function formatMb(mb: number): string {
  return Number.isFinite(mb) ? `${Math.round(mb)}MB` : 'n/a';
}

/** `53.1%`; one decimal. */
export function formatPct(pct: number): string {
  return Number.isFinite(pct) ? `${pct.toFixed(1)}%` : 'n/a';
}

/** `+12.3%` / `-4.0%`; one decimal with an explicit sign, for returns. */
export function formatSignedPct(pct: number): string {
  if (!Number.isFinite(pct)) return 'n/a';
  const s = pct.toFixed(1);
  return pct >= 0 && !s.startsWith('-') ? `+${s}%` : `${s}%`;
}

/**
 * A wall-clock span: `850ms`, `12.3s`, `1m 05s`, `2h 03m 04s`.
 * @example formatDuration(65_000) // "1m 05s"
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return 'n/a';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const totalS = Math.round(ms / 1000);
  const h = Math.floor(totalS / 3600);
  const m = Math.floor((totalS % 3600) / 60);
  const s = totalS % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}h ${pad(m)}m ${pad(s)}s` : `${m}m ${pad(s)}s`;
}

/** `72.3`; tickers per second with one decimal. */
export function formatRate(perSecond: number): string {
  return Number.isFinite(perSecond) ? perSecond.toFixed(1) : 'n/a';
}

/** A run's settings as the user spells them, in their fixed order: `--rvol-min 2 ... --sl-stop 0.03 --tp-stop off`. */
export function formatParams(settings: readonly { flag: string; value: string }[]): string {
  return paramPairs(settings).join(' ');
}

/** The `--flag value` words of `formatParams` (one word each, so a wrap never splits a flag from its value). */
export function paramPairs(settings: readonly { flag: string; value: string }[]): string[] {
  const pairs = settings.map((s) => `${s.flag} ${s.value}`);
  return pairs.length > 0 ? pairs : ['(defaults)'];
}

/**
 * Greedy word wrap: `first` starts line one, later lines start with `indent`; no line exceeds
 * `width` unless a single word does.
 * @example wrapWords('params ', ['a=1', 'b=2'], 12, '       ') // ["params a=1", "       b=2"]
 */
export function wrapWords(first: string, words: readonly string[], width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const w of words) {
    if (!empty && line.length + 1 + w.length > width) {
      lines.push(line);
      line = indent + w;
    } else {
      line += (empty ? '' : ' ') + w;
    }
    empty = false;
  }
  lines.push(line);
  return lines;
}

/**
 * A text bar of `width` cells, `fraction` in [0, 1] filled: `█████░░░░░`.
 * @example bar(0.5, 10) // "█████░░░░░"
 */
export function bar(fraction: number, width: number): string {
  const w = Math.max(0, Math.floor(width));
  const f = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  const filled = Math.round(f * w);
  return '█'.repeat(filled) + '░'.repeat(w - filled);
}

/** Cuts `text` to `width` characters, ending in `…` when cut. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  return text.length <= width ? text : text.slice(0, Math.max(0, width - 1)) + '…';
}
