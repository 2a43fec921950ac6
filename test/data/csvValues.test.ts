import { describe, expect, it } from 'vitest';
import { dateKeyBytes, isIsoDate, parseDecimal, parseDecimalBytes } from '../../src/data/csvValues';

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
    expect(['2020-01-31', '2020-02-29', '2000-02-29', '2021-12-31', '1999-04-30'].every(isIsoDate)).toBe(true);
  });
  it('isIsoDate rejects impossible dates and other forms', () => {
    for (const s of ['2021-02-29', '1900-02-29', '2020-04-31', '2020-13-01', '2020-00-10', '2020-01-00', '2020-1-5', '20200105', '2020-01-05T00:00', '', '01/02/2020']) {
      expect(isIsoDate(s), s).toBe(false);
    }
  });
});

describe('parseDecimalBytes', () => {
  const at = (s: string) => {
    const b = Buffer.from(`,${s},`);
    return parseDecimalBytes(b, 1, b.length - 1);
  };
  it('parseDecimalBytes is bit-identical to Number on what it decides, NaN (undecided) otherwise', () => {
    const samples = ['0', '-0', '+7', '12.5', '100.0', '.5', '5.', '1e5', '2.5E-3', '1648717.0', '12.8969', '0.000123', '-3.25e+2',
      '123456789012345', '1234567890123456', '0.1', '0.3', '9007199254740993', '1e22', '1e23', '1e-22', '1.7976931348623157e308'];
    for (const s of samples) {
      const v = at(s);
      if (v === v) expect(Object.is(v, Number(s)), s).toBe(true);
    }
    expect(at('12.5'), 'decided').toBe(12.5);
    expect(at('1234567890123456'), 'more than 15 digits: undecided').toBeNaN();
  });
  it('parseDecimalBytes agrees with Number on 20000 random decimals', () => {
    let seed = 12345;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let i = 0; i < 20000; i++) {
      const digits = 1 + Math.floor(rnd() * 15);
      let m = '';
      for (let k = 0; k < digits; k++) m += Math.floor(rnd() * 10);
      const dot = Math.floor(rnd() * (digits + 1));
      let s = m.slice(0, dot) + '.' + m.slice(dot);
      if (rnd() < 0.3) s += 'e' + (Math.floor(rnd() * 20) - 10);
      if (rnd() < 0.2) s = '-' + s;
      const v = at(s);
      if (v === v) expect(Object.is(v, Number(s)), s).toBe(true);
    }
  });
  it('parseDecimalBytes leaves blanks, spaces, text, hex and nan to the text path', () => {
    for (const s of ['', ' ', ' 1', '1 ', 'abc', '0x10', 'nan', 'inf', '-', '.', '1e', '1e+', '1.2.3', '1e99999']) expect(at(s), JSON.stringify(s)).toBeNaN();
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
