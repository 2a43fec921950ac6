/**
 * `withDatabase`: what every database command runs inside: opens DATABASE_URL or the embedded default,
 * migrates (a command that writes) or checks that the vecbt tables are current without writing anything (a
 * command that only reads: a SELECT-only role or a read-only session can run it), turns the database errors
 * a user can fix into one-line UserErrors, and always closes (leaving the embedded server, stopping it when
 * last) in `finally`.
 */
import { migrate, pendingMigrations } from '../data/migrate';
import type { Queryable } from '../data/queryable';
import { UserError } from '../errors';
import { describeDatabaseError } from './describeDatabaseError';
import { tickersActiveDefault } from '../data/tickersActiveDefault';
import { openDatabase, type Database } from '../data/openDatabase';

/**
 * For the commands that only read (`vecbt runs`, `vecbt results`): a UserError naming the fix when the
 * vecbt tables of `target` are missing or older than this version; they are never migrated from here.
 */
export async function assertSchemaCurrent(db: Queryable, target: string): Promise<void> {
  const { schema, pending } = await pendingMigrations(db);
  if (!schema) {
    throw new UserError(
      `${target} has no vecbt tables (no run was ever made there); create them with: npx vecbt db migrate (as a role that may CREATE in the schema), or check that DATABASE_URL names the right database`,
    );
  }
  if (pending.length) {
    throw new UserError(
      `the vecbt tables of ${target} are older than this vecbt (missing migration${pending.length > 1 ? 's' : ''} ${pending.map((m) => m.name).join(', ')}); ` +
        'upgrade them with: npx vecbt db migrate (as a role that may CREATE in the schema)',
    );
  }
}

/**
 * After a command that writes: a warning on stderr when `tickers.active` has no default (see
 * tickersActiveDefault). The run counts NULL as active, so nothing is lost; the user learns why their table
 * fills with NULLs and how to make it explicit.
 */
async function warnActiveWithoutDefault(db: Database): Promise<void> {
  const { hasDefault, nulls } = await tickersActiveDefault(db.pool).catch(() => ({ hasDefault: true, nulls: 0 }));
  if (hasDefault) return;
  process.stderr.write(
    `vecbt: warning: tickers.active has no default, so tickers added without it (vecbt db load, db synth) get NULL, which vecbt counts as active (${nulls} ticker${nulls === 1 ? ' is' : 's are'} NULL now); ` +
      'to make it explicit: ALTER TABLE tickers ALTER COLUMN active SET DEFAULT true; UPDATE tickers SET active = true WHERE active IS NULL\n',
  );
}

const SIGNAL_EXIT: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };

/**
 * On the embedded database, a stop signal to a command that does not handle signals itself (`db load`,
 * `runs`, ...) would kill the process and leave the server running until the next vecbt ends: leave it
 * (stopping it when last) and exit with the signal's code. A command that does handle them (`run`, `start`,
 * `worker`: their listener registered besides this one) stops in its own time and closes in `finally`.
 */
function onStopSignal(db: Database): (sig: NodeJS.Signals) => void {
  let once = false;
  return (sig) => {
    if (process.listenerCount(sig) > 1 || once) return;
    once = true;
    void (db.abandon?.() ?? Promise.resolve()).finally(() => process.exit(SIGNAL_EXIT[sig] ?? 1));
  };
}

export interface WithDatabaseOptions {
  /** false: neither migrate nor check the schema (`vecbt db migrate` itself). */
  migrate?: boolean;
  /**
   * The command only reads: on DATABASE_URL never migrate, and refuse in one line when the vecbt tables are
   * missing or older (the embedded database, vecbt's own, is migrated as for any command).
   */
  readOnly?: boolean;
}

/** Opens the database, migrates it (or checks it, `readOnly`), runs `fn`, always closes. */
export async function withDatabase<T>(fn: (db: Database) => Promise<T>, opts: WithDatabaseOptions = {}): Promise<T> {
  const db = await openDatabase();
  const onSignal = db.embedded ? onStopSignal(db) : undefined;
  if (onSignal) for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, onSignal);
  try {
    // The embedded database is vecbt's own: there a read command migrates as any other, so a fresh
    // directory answers `vecbt runs` with "no runs yet" rather than "no vecbt tables".
    if (opts.readOnly && !db.embedded) await assertSchemaCurrent(db.pool, db.target);
    else if (opts.migrate !== false) await migrate(db.pool);
    const result = await fn(db);
    if (!opts.readOnly) await warnActiveWithoutDefault(db);
    return result;
  } catch (err) {
    throw describeDatabaseError(err, { target: db.target, role: db.role ?? 'postgres', writes: !opts.readOnly, lockTimeoutSeconds: db.lockTimeoutSeconds }) ?? err;
  } finally {
    if (onSignal) for (const sig of ['SIGINT', 'SIGTERM'] as const) process.off(sig, onSignal);
    await db.close();
  }
}
