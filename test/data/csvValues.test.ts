import { describe, expect, it } from 'vitest';
import { dateKeyBytes, isIsoDate, parseDecimal } from '../../src/data/csvValues';

describe('parseDecimal', () => {
  it('parseDecimal reads decimal and exponent forms, with surrounding spaces', () => {
    expect(['12.5', '-3', '+4', '1e5', '2.5E-3', ' 7 ', '0', '0.25', '.5', '100.0'].map(parseDecimal)).toEqual([12.5, -3, 4, 1e5, 2.5e-3, 7, 0, 0.25, 0.5, 100]);
  });
  it('parseDecimal("") and blanks are NaN, not 0', () => {
    expect(parseDecimal('')).toBeNaN();
    expect(parseDecimal('   ')).toBeNaN();
  });
  it('parseDecimal rejects nan, inf, hex/binary/octal literals and text', () => {
    for (const s of ['nan', 'NaN', 'inf', 'Infinity', '-inf', '0x10', '0b1', '0o7', ' 0x10', 'abc', '1,5', '1e400']) {
      expect(parseDecimal(s), s).toBeNaN();
    }
  });
});

describe('isIsoDate', () => {
  it('isIsoDate accepts real YYYY-MM-DD dates, leap days included', () => {
    expect(['2020-01-31', '2020-02-29', '2000-02-29', '2021-12-31', '1999-04-30', '0001-01-01', '9999-12-31'].every(isIsoDate)).toBe(true);
  });
  it('isIsoDate rejects impossible dates (year 0000 included: PostgreSQL has none) and other forms', () => {
    for (const s of ['2021-02-29', '1900-02-29', '2020-04-31', '2020-13-01', '2020-00-10', '2020-01-00', '2020-1-5', '20200105', '2020-01-05T00:00', '', '01/02/2020', '0000-01-01', '0000-02-29']) {
      expect(isIsoDate(s), s).toBe(false);
    }
  });
});

describe('dateKeyBytes', () => {
  const at = (s: string) => dateKeyBytes(Buffer.from(s), 0, Buffer.byteLength(s));
  it('dateKeyBytes(2020-01-31) is 20200131', () => {
    expect(at('2020-01-31')).toBe(20200131);
  });
  it('dateKeyBytes is -1 for other shapes (the text path validates them)', () => {
    for (const s of ['2020-1-31', '2020/01/31', '2020-01-3x', ' 2020-01-31', '', '20200131xx']) expect(at(s), s).toBe(-1);
  });
});
