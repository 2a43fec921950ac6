import { describe, expect, it } from 'vitest';
import { dateFlag, impossibleDate, intFlag, MAX_INT_FLAG, runIdArg } from '../../src/commands/flags';

const f = (name: string, v: string) => new Map<string, string | true>([[name, v]]);

describe('date flags', () => {
  it('impossibleDate accepts real dates, leap days by the Gregorian rule, 0001-01-01 and 9999-12-31', () => {
    for (const d of ['2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31', '2023-12-31']) expect(impossibleDate(d), d).toBeNull();
  });

  it('impossibleDate names what does not exist: month 13 or 00, day 00 or 31 of a 30-day month, 02-29 of 1900, year 0000', () => {
    expect(['2024-13-01', '2024-00-10', '2024-01-00', '2024-06-31', '1900-02-29', '0000-01-01'].map(impossibleDate)).toEqual([
      'there is no month 13',
      'there is no month 00',
      'there is no day 00',
      '2024-06 has 30 days',
      '1900-02 has 28 days',
      'there is no year 0000: years run from 0001 to 9999',
    ]);
  });

  it('dateFlag(--from 2024-13-01) is a UserError, not a RangeError', () => {
    expect(() => dateFlag(f('--from', '2024-13-01'), '--from')).toThrow(expect.objectContaining({ name: 'UserError', exitCode: 2 }));
    expect(dateFlag(f('--from', '2024-02-29'), '--from')).toBe('2024-02-29');
  });
});

describe('integer flags', () => {
  it('intFlag(--chunk-size 2147483647) is the largest accepted; 2147483648 and 1e20 are refused with the range', () => {
    expect(intFlag(f('--chunk-size', String(MAX_INT_FLAG)), '--chunk-size', 1)).toBe(2_147_483_647);
    expect(() => intFlag(f('--chunk-size', '2147483648'), '--chunk-size', 1)).toThrow('--chunk-size must be an integer >= 1 and <= 2147483647, got "2147483648"');
    expect(() => intFlag(f('--limit', '1e20'), '--limit', 1)).toThrow('--limit must be an integer >= 1 and <= 2147483647, got "1e20"');
  });

  it('intFlag takes decimal digits only: 1e3, 0x10, 1.0 and an empty value are refused', () => {
    for (const v of ['1e3', '0x10', '1.0', '', ' ']) expect(() => intFlag(f('--limit', v), '--limit', 1), JSON.stringify(v)).toThrow(/must be an integer/);
  });

  it('runIdArg(9007199254740991) is a run id; one more digit is refused with the range', () => {
    expect(runIdArg('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => runIdArg('99999999999999999999')).toThrow("run id must be a positive integer up to 9007199254740991, got '99999999999999999999'");
    expect(() => runIdArg('-1')).toThrow("run id must be a positive integer, got '-1'");
  });
});
