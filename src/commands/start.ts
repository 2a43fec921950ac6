/**
 * `vecbt start` (= `npm start`): the main job. DATABASE_URL or the embedded default (`./.vecbt/pg`);
 * migrate; seed an empty database from data-fixtures (real stocks + a seeded synthetic universe); run the
 * batch (TUI on a terminal, plain logs otherwise) and print the summary; stop the embedded server.
 * Takes the flags of `vecbt run`.
 */
import type { CommandIo } from '../cli';
import { withDatabase } from '../dbCommand';
import { isEmpty, seedFixtures } from '../data/seedFixtures';
import { executeRun, parseRunArgs } from './run';

export async function run(args: string[], io: CommandIo): Promise<number> {
  const a = parseRunArgs(args);
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
