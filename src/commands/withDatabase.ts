/**
 * `withDatabase`: what every database command runs inside: opens DATABASE_URL or the embedded default,
 * migrates when asked, and always closes (leaving the embedded server, stopping it when last) in `finally`.
 */
import { migrate } from '../data/migrate';
import { openDatabase, type Database } from '../data/openDatabase';

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

/** Opens the database (migrating it unless `migrate: false`), runs `fn`, always closes. */
export async function withDatabase<T>(fn: (db: Database) => Promise<T>, opts: { migrate?: boolean } = {}): Promise<T> {
  const db = await openDatabase();
  const onSignal = db.embedded ? onStopSignal(db) : undefined;
  if (onSignal) for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, onSignal);
  try {
    if (opts.migrate !== false) await migrate(db.pool);
    return await fn(db);
  } finally {
    if (onSignal) for (const sig of ['SIGINT', 'SIGTERM'] as const) process.off(sig, onSignal);
    await db.close();
  }
}
