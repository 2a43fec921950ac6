/**
 * `vecbt start` (= `npm start`): the main job. DATABASE_URL or the embedded default (`./.vecbt/pg`);
 * migrate; seed an empty database from data-fixtures (real stocks + a seeded synthetic universe); run the
 * batch (TUI on a terminal, plain logs otherwise) and print the summary; stop the embedded server.
 * Takes the flags of `vecbt run` but --distributed (that is `vecbt run --distributed`).
 */
import type { CommandIo } from './CommandIo';
import { UserError } from '../errors';
import { withDatabase } from './withDatabase';
import { isEmpty, seedFixtures } from '../data/seedFixtures';
import { executeRun, parseRunArgs } from './run';

export async function run(args: string[], io: CommandIo): Promise<number> {
  const a = await parseRunArgs(args);
  // The main job runs in this process (on the embedded default, nothing else could reach the database);
  // queueing chunks for workers is `vecbt run --distributed` against DATABASE_URL.
  if (a.distributed) throw new UserError('vecbt start runs the batch in this process; to queue the chunks for workers use: npx vecbt run --distributed (with DATABASE_URL set)');
  return withDatabase(async (db) => {
    io.stdout.write(`vecbt start: database ${db.target} migrated\n`);
    if (await isEmpty(db.pool)) {
      io.stdout.write('vecbt start: empty database, seeding from data-fixtures/ (real stocks + a synthetic universe) ...\n');
      const t = performance.now();
      const s = await seedFixtures(db.pool);
      io.stdout.write(
        `vecbt start: seeded ${s.realTickers} real tickers (${s.realRows} bars) + ${s.synthTickers} synthetic (${s.synthRows} bars) in ${Math.round(performance.now() - t)} ms\n`,
      );
    }
    return executeRun(db, a, io);
  });
}
