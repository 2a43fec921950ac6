/**
 * `withDatabase`: what every database command runs inside: opens DATABASE_URL or the embedded default,
 * migrates when asked, and always closes (stopping the embedded server) in `finally`.
 */
import { migrate } from '../data/migrate';
import { openDatabase, type Database } from '../data/openDatabase';

/** Opens the database (migrating it unless `migrate: false`), runs `fn`, always closes. */
export async function withDatabase<T>(fn: (db: Database) => Promise<T>, opts: { migrate?: boolean } = {}): Promise<T> {
  const db = await openDatabase();
  try {
    if (opts.migrate !== false) await migrate(db.pool);
    return await fn(db);
  } finally {
    await db.close();
  }
}
