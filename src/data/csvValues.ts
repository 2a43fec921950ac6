/**
 * Scalar parsing for the OHLCV CSV: decimal numbers and calendar dates. Both return a sentinel instead of throwing,
 * so the caller can build one message with file:line, column, value and fix.
 */

/**
 * parseDecimal(s): the finite number written in `s` (surrounding spaces allowed), or NaN when `s` is empty, not a
 * decimal number (hex/binary/octal literals, `nan`, `inf` are rejected) or out of range.
 * @example parseDecimal(' 12.5e-1 ') // 1.25
 */
export function parseDecimal(s: string): number {
  const v = Number(s);
  if (v - v !== 0) return NaN; // NaN or ±Infinity
  const c0 = s.charCodeAt(0);
  if (c0 > 32 && c0 !== 48 /* 0 */) return v; // hot path: no leading space, cannot be blank or 0x/0b/0o
  // Number('') and Number('  ') are 0; Number('0x1f') is 31
  const t = c0 > 32 ? s : s.trim();
  if (t.length === 0) return NaN;
  const c = t.charCodeAt(1);
  if (t.charCodeAt(0) === 48 && (c === 120 || c === 88 || c === 98 || c === 66 || c === 111 || c === 79)) return NaN;
  return v;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * isIsoDate(s): true when `s` is `YYYY-MM-DD` and names a real proleptic Gregorian date of year 0001 or later (2020-02-29
 * yes, 2021-02-29 and 0000-01-01 no).
 * @example isIsoDate('2024-02-29') // true
 */
export function isIsoDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const y = +m[1];
  const mo = +m[2];
  const d = +m[3];
  // year 0000 does not exist for PostgreSQL (1 BC comes before 0001-01-01): refused here, not by the database
  if (y === 0 || mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = mo === 2 ? (leap ? 29 : 28) : mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31;
  return d <= days;
}

/**
 * dateKeyBytes(b, s, e): `y * 10000 + m * 100 + d` when b[s..e) has the shape `DDDD-DD-DD` (not yet checked to be
 * a real date), else -1. A cache key, so each distinct date is validated and decoded once.
 */
export function dateKeyBytes(b: Uint8Array, s: number, e: number): number {
  if (e - s !== 10 || b[s + 4] !== 45 || b[s + 7] !== 45) return -1;
  let key = 0;
  for (let i = s; i < e; i++) {
    if (i === s + 4 || i === s + 7) continue;
    const d = b[i] - 48;
    if (d < 0 || d > 9) return -1;
    key = key * 10 + d;
  }
  return key;
}
