import { describe, expect, it } from 'vitest';
import { macd, macd1d } from '../../src/indicators/macd';

const f = (...x: number[]) => Float64Array.from(x);
const lists = (m: { macd: Float64Array; signal: Float64Array }) => ({ macd: [...m.macd], signal: [...m.signal] });
const SMA = { fastWindow: 1, slowWindow: 2, signalWindow: 2 };

describe('macd1d / macd (vbt.MACD)', () => {
  it('macd1d defaults to SMAs: macd = SMA(fast) - SMA(slow), signal = SMA(macd)', () => {
    // fast SMA(1) = close; slow SMA(2) = [NaN, 1.5, 3, 6, 12]
    expect(lists(macd1d(f(1, 2, 4, 8, 16), SMA))).toEqual({ macd: [NaN, 0.5, 1, 2, 4], signal: [NaN, NaN, 0.75, 1.5, 3] });
  });
  it('macd1d with macdEwm and signalEwm uses EMAs (span 3: alpha 0.5), the signal seeded at the first macd', () => {
    // slow EMA(3): 1, 1.5, 2.75, 5.375, 10.6875 (defined from the 3rd close); macd from row 2: 1.25, 2.625, 5.3125
    // signal EMA(3) of macd: 1.25, 1.9375, 3.625, defined at macd's 3rd value (row 4)
    expect(lists(macd1d(f(1, 2, 4, 8, 16), { fastWindow: 1, slowWindow: 3, signalWindow: 3, macdEwm: true, signalEwm: true }))).toEqual({
      macd: [NaN, NaN, 1.25, 2.625, 5.3125],
      signal: [NaN, NaN, NaN, NaN, 3.625],
    });
  });
  it('macd1d with EMA macd and SMA signal: both lines stay defined over a delisted NaN tail', () => {
    const m = macd1d(f(1, 2, 4, NaN, NaN), { fastWindow: 1, slowWindow: 3, signalWindow: 2, macdEwm: true });
    expect(lists(m)).toEqual({ macd: [NaN, NaN, 1.25, 1.25, 1.25], signal: [NaN, NaN, NaN, 1.25, 1.25] });
  });
  it('macd1d with SMAs is NaN for a window after an absent row', () => {
    expect(lists(macd1d(f(1, 2, NaN, 4, 8, 16), SMA))).toEqual({ macd: [NaN, 0.5, NaN, NaN, 2, 4], signal: [NaN, NaN, NaN, NaN, NaN, 3] });
  });
  it('macd1d of an empty series is empty', () => {
    expect(macd1d(f(), SMA).macd.length).toBe(0);
  });
  it('macd1d of a single close, of a NaN close and of an all-NaN series is NaN', () => {
    expect(lists(macd1d(f(5), { fastWindow: 1, slowWindow: 1, signalWindow: 1 }))).toEqual({ macd: [0], signal: [0] });
    expect(lists(macd1d(f(5), SMA))).toEqual({ macd: [NaN], signal: [NaN] });
    expect(lists(macd1d(f(NaN), { fastWindow: 1, slowWindow: 1, signalWindow: 1, macdEwm: true, signalEwm: true }))).toEqual({ macd: [NaN], signal: [NaN] });
    expect(lists(macd1d(f(NaN, NaN), SMA))).toEqual({ macd: [NaN, NaN], signal: [NaN, NaN] });
  });
  it('macd(close, 3, 2, params) is macd1d per column', () => {
    expect(lists(macd(f(1, 2, 4, 8, 16, 32), 3, 2, SMA))).toEqual({ macd: [NaN, 0.5, 1, NaN, 4, 8], signal: [NaN, NaN, 0.75, NaN, NaN, 6] });
  });
  it('macd rejects a window < 1 and a wrong shape', () => {
    expect(() => macd1d(f(1), { ...SMA, signalWindow: 0 })).toThrow(/signalWindow must be an integer >= 1/);
    expect(() => macd(f(1, 2, 3), 2, 2, SMA)).toThrow(/nRows\*nCols/);
  });
});
