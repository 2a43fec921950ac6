import { describe, expect, it } from 'vitest';
import { describeDatabaseError } from '../../src/commands/describeDatabaseError';

const ctx = { target: 'db.example.com:5432/prod', role: 'bob', writes: true, lockTimeoutSeconds: 5 };
const msg = (err: unknown, c = ctx) => describeDatabaseError(err, c)?.message;

describe('describeDatabaseError', () => {
  it('describeDatabaseError(25006 read-only) names the target and the setting, exit 2', () => {
    const e = describeDatabaseError({ code: '25006', message: 'cannot execute INSERT in a read-only transaction' }, ctx);
    expect([e?.exitCode, e?.message]).toEqual([
      2,
      'db.example.com:5432/prod is read-only (default_transaction_read_only is on, or it is a standby): this command writes; point DATABASE_URL at the primary, or SET default_transaction_read_only = off for this role or database',
    ]);
  });

  it('describeDatabaseError(42501) says what to grant: write grants for a writing command, SELECT for a reading one, CREATE for a schema', () => {
    expect(msg({ code: '42501', message: 'permission denied for table vecbt_runs' })).toBe(
      'permission denied for table vecbt_runs (role bob on db.example.com:5432/prod): this command writes; connect as a role that may, or GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO bob',
    );
    expect(msg({ code: '42501', message: 'permission denied for table vecbt_workers' }, { ...ctx, writes: false })).toBe(
      'permission denied for table vecbt_workers (role bob on db.example.com:5432/prod): GRANT SELECT ON ALL TABLES IN SCHEMA public TO bob',
    );
    expect(msg({ code: '42501', message: 'permission denied for schema public' })).toMatch(/^permission denied for schema public \(role bob on .*\): creating or upgrading the vecbt tables needs CREATE in the schema; run npx vecbt db migrate once as the schema's owner, or GRANT CREATE ON SCHEMA public TO bob$/);
  });

  it('describeDatabaseError(55P03 lock timeout) names VECBT_LOCK_TIMEOUT and its value', () => {
    expect(msg({ code: '55P03', message: 'canceling statement due to lock timeout' })).toMatch(/^a table vecbt needs on db\.example\.com:5432\/prod is locked by another session, still after 5 s \(VECBT_LOCK_TIMEOUT\); .*raise VECBT_LOCK_TIMEOUT/);
  });

  it('describeDatabaseError(57014) explains a statement_timeout, and leaves a cancel request alone', () => {
    expect(msg({ code: '57014', message: 'canceling statement due to statement timeout' })).toMatch(/ran longer than the server's statement_timeout .*ALTER ROLE bob SET statement_timeout = '30min'.*PGOPTIONS='-c statement_timeout=0'/);
    expect(msg({ code: '57014', message: 'canceling statement due to user request' })).toBeUndefined();
  });

  it('describeDatabaseError(22008 year 0000, 22021 a NUL byte) keeps the server\'s text and adds the fix', () => {
    expect(msg({ code: '22008', message: 'date/time field value out of range: "0000-01-03"' })).toBe(
      'date/time field value out of range: "0000-01-03"; a date must be a real calendar date from 0001-01-01 to 9999-12-31 (there is no year 0000): fix it in the input',
    );
    expect(msg({ code: '22021', message: 'invalid byte sequence for encoding "UTF8": 0x00' })).toMatch(/^invalid byte sequence for encoding "UTF8": 0x00; text must be valid UTF-8 without NUL bytes: /);
  });

  it('describeDatabaseError(a syntax error, a plain Error, null) is undefined: not the user\'s to fix', () => {
    expect([msg({ code: '42601', message: 'syntax error' }), msg(new Error('boom')), msg(null)]).toEqual([undefined, undefined, undefined]);
  });
});
