/**
 * accuratePow: `x ** y` correctly rounded (in all but pathological cases), as C's libm `pow` (glibc) returns it.
 * V8's `Math.pow` can be a few ulps off, which made vectorbt's Calmar ratio (`end_value ** (ann / R) - 1`)
 * differ in the last digits. Computed as exp(y * ln x) in double-double arithmetic (~1e-30 relative), then rounded
 * once. Slow-ish (~100 flops): meant for per-column scalars, not per-bar loops.
 * Domain: finite x > 0 and finite y; anything else falls back to `Math.pow`.
 */

const SPLIT = 134217729; // 2^27 + 1 (Dekker)

// Double-double numbers are [hi, lo] pairs held in module scratch to avoid allocation.
let rh = 0;
let rl = 0;

function twoProd(a: number, b: number): void {
  const p = a * b;
  const ca = SPLIT * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  const cb = SPLIT * b;
  const bh = cb - (cb - b);
  const bl = b - bh;
  rh = p;
  rl = ah * bh - p + ah * bl + al * bh + al * bl;
}

/** (ah, al) + (bh, bl) -> (rh, rl) */
function ddAdd(ah: number, al: number, bh: number, bl: number): void {
  const s = ah + bh;
  const bb = s - ah;
  const e = ah - (s - bb) + (bh - bb);
  const t = e + al + bl;
  rh = s + t;
  rl = t - (rh - s);
}

/** (ah, al) * (bh, bl) -> (rh, rl) */
function ddMul(ah: number, al: number, bh: number, bl: number): void {
  twoProd(ah, bh);
  const p = rh;
  const e = rl + (ah * bl + al * bh);
  rh = p + e;
  rl = e - (rh - p);
}

const LN2_HI = 0.6931471805599453;
const LN2_LO = 2.3190468138462996e-17;
const INV_FACT = [1, 1, 1 / 2, 1 / 6, 1 / 24, 1 / 120, 1 / 720, 1 / 5040, 1 / 40320, 1 / 362880];
// Low parts of 1/n! as double-doubles: hi * n! is exact in double-double (<= 82 bits), so
// lo = ((1 - p) - e) / n! with (p, e) = twoProd(hi, n!) recovers the rounding of hi.
const INV_FACT_LO = INV_FACT.map((hi, n) => {
  if (n < 2) return 0;
  let fact = 1;
  for (let k = 2; k <= n; k++) fact *= k;
  twoProd(hi, fact);
  return (1 - rh - rl) / fact;
});

/** exp of a double-double (h, l) -> (rh, rl), by series and squaring: slow, used to build TABLE. */
function ddExpSlow(h: number, l: number): void {
  const k = Math.round(h / LN2_HI);
  // r = (h, l) - k * ln2, in double-double.
  twoProd(k, LN2_HI);
  const kh = rh;
  const kl = rl;
  ddAdd(h, l, -kh, -kl);
  ddAdd(rh, rl, -k * LN2_LO, 0);
  // Scale down by 2^10 so the Taylor series converges fast, square back 10 times.
  const sh = rh / 1024;
  const sl = rl / 1024;
  // t = exp(s) - 1 = s + s^2/2! + ... (Horner on s), kept as expm1 to preserve precision while squaring.
  // |s| <= ln2 / 2 / 1024 ~ 3.4e-4: terms beyond s^9/9! are below 1e-33.
  let th = INV_FACT[9];
  let tl = INV_FACT_LO[9];
  for (let n = 8; n >= 1; n--) {
    ddMul(th, tl, sh, sl);
    ddAdd(rh, rl, INV_FACT[n], INV_FACT_LO[n]);
    th = rh;
    tl = rl;
  }
  ddMul(th, tl, sh, sl);
  th = rh;
  tl = rl;
  for (let i = 0; i < 10; i++) {
    // (1 + t)^2 - 1 = 2t + t^2
    ddMul(th, tl, th, tl);
    ddAdd(2 * th, 2 * tl, rh, rl);
    th = rh;
    tl = rl;
  }
  ddAdd(1, 0, th, tl);
  const scale = 2 ** k;
  rh *= scale;
  rl *= scale;
}

// 2^(j/256), j = 0..255, as double-doubles: exp(x) = 2^n * 2^(j/256) * exp(r) with |r| <= ln2/512.
const TABLE_BITS = 8;
const TABLE_N = 1 << TABLE_BITS;
const TABLE_HI = new Float64Array(TABLE_N);
const TABLE_LO = new Float64Array(TABLE_N);
for (let j = 0; j < TABLE_N; j++) {
  twoProd(j / TABLE_N, LN2_HI);
  ddAdd(rh, rl, (j / TABLE_N) * LN2_LO, 0);
  ddExpSlow(rh, rl);
  TABLE_HI[j] = rh;
  TABLE_LO[j] = rl;
}
const STEP_HI = LN2_HI / TABLE_N; // exact: division by a power of two
const STEP_LO = LN2_LO / TABLE_N;

/**
 * exp of a double-double (h, l) -> (rh, rl), ~1e-25 relative: table 2^(j/256), then
 * exp(r) - 1 = r + r^2/2 in double-double plus r^3/3! .. r^7/7! in plain doubles (|r| <= 1.4e-3, so their
 * rounding is below 1e-25 of the result).
 */
function ddExp(h: number, l: number): void {
  const k = Math.round(h / STEP_HI);
  twoProd(k, STEP_HI);
  const kh = rh;
  const kl = rl;
  ddAdd(h, l, -kh, -kl);
  ddAdd(rh, rl, -k * STEP_LO, 0);
  const r = rh;
  const rlo = rl;
  // r^2 / 2 in double-double
  twoProd(r, r);
  const r2h = rh * 0.5;
  const r2l = (rl + 2 * r * rlo) * 0.5;
  const tail = r * r * r * (1 / 6 + r * (1 / 24 + r * (1 / 120 + r * (1 / 720 + r * (1 / 5040)))));
  ddAdd(r, rlo, r2h, r2l + tail);
  // (1 + t) * T[j]
  const j = ((k % TABLE_N) + TABLE_N) % TABLE_N;
  const n = (k - j) / TABLE_N;
  const th = rh;
  const tl = rl;
  ddMul(TABLE_HI[j], TABLE_LO[j], th, tl);
  ddAdd(TABLE_HI[j], TABLE_LO[j], rh, rl);
  const scale = 2 ** n;
  rh *= scale;
  rl *= scale;
}

/** @example accuratePow(0.9, 1.46) === 0.8574208967712934 */
export function accuratePow(x: number, y: number): number {
  if (!(x > 0) || x === Infinity || !Number.isFinite(y) || y === 0 || x === 1) return Math.pow(x, y);
  const k = Math.abs(y * Math.log(x));
  if (k > 700) return Math.pow(x, y); // near over/underflow: 2^k scaling would lose the double-double tail
  // ln x in double-double: l0 = log(x), then l0 + (x * exp(-l0) - 1) corrects log's rounding.
  const l0 = Math.log(x);
  ddExp(-l0, 0);
  ddMul(rh, rl, x, 0);
  ddAdd(rh, rl, -1, 0);
  const uh = rh;
  const ul = rl;
  ddAdd(l0, 0, uh, ul);
  // y * ln x, then exp.
  const lh = rh;
  const ll = rl;
  twoProd(y, lh);
  ddAdd(rh, rl, y * ll, 0);
  ddExp(rh, rl);
  return rh + rl;
}
