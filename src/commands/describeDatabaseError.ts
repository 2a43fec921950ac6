/**
 * PostgreSQL errors a user can fix, as one-line UserErrors saying what and how (exit 2), instead of
 * `unexpected error: <the server's text>` (exit 1). Keyed by SQLSTATE, never by the message's wording
 * (which follows the server's lc_messages), except to tell a statement_timeout from a cancel request.
 * Anything else is returned as undefined: the caller rethrows it unchanged.
 */
import { UserError } from '../errors';

export interface DatabaseErrorContext {
  /** host:port/db (never with the password). */
  target: string;
  /** The role we connect as. */
  role: string;
  /** Whether the command writes (run, start, db ...) or only reads (runs, results). */
  writes: boolean;
  /** VECBT_LOCK_TIMEOUT in effect, in seconds (0: none). */
  lockTimeoutSeconds?: number;
}

/**
 * describeDatabaseError(err, ctx): the UserError for a database error the user can fix, or undefined.
 * @example describeDatabaseError({ code: '25006' }, { target: 'h:5432/db', role: 'r', writes: true })?.message
 * // 'h:5432/db is read-only (default_transaction_read_only is on, or it is a standby): this command writes; ...'
 */
export function describeDatabaseError(err: unknown, ctx: DatabaseErrorContext): UserError | undefined {
  const e = err as { code?: string; message?: string; table?: string; column?: string };
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = e?.message ?? '';
  switch (code) {
    case '25006': // read_only_sql_transaction
      return new UserError(
        `${ctx.target} is read-only (default_transaction_read_only is on, or it is a standby): this command writes; ` +
          'point DATABASE_URL at the primary, or SET default_transaction_read_only = off for this role or database',
      );
    case '42501': // insufficient_privilege
      if (/ schema /.test(message)) {
        return new UserError(
          `${message} (role ${ctx.role} on ${ctx.target}): creating or upgrading the vecbt tables needs CREATE in the schema; ` +
            `run npx vecbt db migrate once as the schema's owner, or GRANT CREATE ON SCHEMA public TO ${ctx.role}`,
        );
      }
      return new UserError(
        ctx.writes
          ? `${message} (role ${ctx.role} on ${ctx.target}): this command writes; connect as a role that may, or GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${ctx.role}`
          : `${message} (role ${ctx.role} on ${ctx.target}): GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${ctx.role}`,
      );
    case '55P03': // lock_not_available: lock_timeout
      return new UserError(
        `a table vecbt needs on ${ctx.target} is locked by another session, still after ${ctx.lockTimeoutSeconds ?? '?'} s (VECBT_LOCK_TIMEOUT); ` +
          'wait for that session to commit (see pg_stat_activity, wait_event_type = Lock, and pg_blocking_pids), or raise VECBT_LOCK_TIMEOUT (seconds; 0 waits for ever)',
      );
    case '57014': // query_canceled: a statement_timeout, or a cancel request
      if (!/statement timeout/i.test(message)) return undefined;
      return new UserError(
        `a query on ${ctx.target} ran longer than the server's statement_timeout and was cancelled; raise it for vecbt: ` +
          `ALTER ROLE ${ctx.role} SET statement_timeout = '30min' (0 = no limit), or PGOPTIONS='-c statement_timeout=0' in vecbt's environment`,
      );
    case '22008': // datetime_field_overflow: year 0000, or a date the calendar lacks, reaching the server
      return new UserError(`${message}; a date must be a real calendar date from 0001-01-01 to 9999-12-31 (there is no year 0000): fix it in the input`);
    case '22021': // character_not_in_repertoire: a NUL byte or invalid UTF-8 in a text value
      return new UserError(
        `${message}; text must be valid UTF-8 without NUL bytes: remove the NUL (a ticker with \\0?), or convert the file (e.g. iconv -f latin1 -t utf-8 in.csv > out.csv)`,
      );
    case '23502': // not_null_violation: a user's tickers.active NOT NULL without a default
      if (e.table !== 'tickers' || e.column !== 'active') return undefined;
      return new UserError(
        'tickers.active is NOT NULL without a default, and vecbt db load / db synth add tickers naming only the symbol; give it the default of the data contract: ALTER TABLE tickers ALTER COLUMN active SET DEFAULT true',
      );
    case '53300': // too_many_connections
      return new UserError(`${ctx.target} refuses more connections (${message}); close other sessions, lower vecbt worker --concurrency, or raise max_connections`);
    case '53100': // disk_full
      return new UserError(`${ctx.target} is out of disk space (${message}); free space on the server, or delete old runs: DELETE FROM vecbt_runs WHERE id = ...`);
    default:
      return undefined;
  }
}
