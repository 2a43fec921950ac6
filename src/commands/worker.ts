/**
 * `vecbt worker [--concurrency N] [--name NAME] [--maintenance-seconds S] [--poll-ms MS]`: a long-running
 * process that takes chunk jobs of distributed runs (`vecbt run --distributed`) from DATABASE_URL and does
 * them. `--concurrency N` runs N worker processes (default 1). SIGTERM/SIGINT: no new job, the chunk in
 * progress commits (or is given back after 20 s), exit 0 well within Heroku's 30 s.
 */
import { fileURLToPath } from 'node:url';
import type { CommandIo } from './CommandIo';
import { UserError } from '../errors';
import { intFlag, parseFlags } from './flags';
import { withDatabase } from './withDatabase';
import { ChunkWorker, attachWorkerLog, defaultWorkerName, superviseWorkers } from '../distributed';
import { onceThenForce } from './onceThenForce';

const VECBT_BIN = fileURLToPath(new URL('../../bin/vecbt.mjs', import.meta.url));
const USAGE = 'usage: vecbt worker [--concurrency N] [--name NAME] [--maintenance-seconds S] [--poll-ms MS]';

export async function run(args: string[], io: CommandIo): Promise<number> {
  const { flags, positional } = parseFlags('vecbt worker', args, { '--concurrency': true, '--name': true, '--maintenance-seconds': true, '--poll-ms': true });
  if (positional.length) throw new UserError(`unexpected argument '${positional[0]}'; ${USAGE}`);
  const concurrency = intFlag(flags, '--concurrency', 1) ?? 1;
  const maintenance = intFlag(flags, '--maintenance-seconds', 1);
  const pollMs = intFlag(flags, '--poll-ms', 10);
  const name = flags.get('--name');
  if (name === true) throw new UserError(`--name needs a value; ${USAGE}`);
  if (!process.env.DATABASE_URL) {
    throw new UserError(
      'vecbt worker needs DATABASE_URL: workers and `vecbt run --distributed` must share one PostgreSQL (the embedded default lives inside one process); set DATABASE_URL=postgres://user:password@host:5432/db',
    );
  }
  if (concurrency > 1) {
    const base = name ?? defaultWorkerName();
    const pass = [...(maintenance ? ['--maintenance-seconds', String(maintenance)] : []), ...(pollMs ? ['--poll-ms', String(pollMs)] : [])];
    const sup = superviseWorkers({
      n: concurrency,
      argv: (i) => [VECBT_BIN, 'worker', '--name', `${base}.${i}`, ...pass],
      log: (line) => io.stderr.write(`vecbt worker: ${line}\n`),
    });
    io.stdout.write(`vecbt worker: ${concurrency} worker processes (${base}.1..${base}.${concurrency})\n`);
    // A terminal's Ctrl-C and Heroku's SIGTERM reach the whole process group, so the children usually get
    // the signal directly as well; they ignore the forwarded copy (VECBT_SUPERVISED). A second signal here
    // kills them at once.
    const onSignal = onceThenForce((sig) => sup.stop(sig), () => sup.stop('SIGKILL'));
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
    try {
      return await sup.done;
    } finally {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
    }
  }
  return withDatabase(async (db) => {
    const worker = new ChunkWorker({ pool: db.pool, target: db.target, name, maintenanceIntervalSeconds: maintenance, pollMs });
    const onOutError = (err: NodeJS.ErrnoException) => {
      if (err?.code !== 'EPIPE') throw err;
    };
    io.stdout.on?.('error', onOutError);
    const detach = attachWorkerLog(worker, io.stdout);
    const supervised = process.env.VECBT_SUPERVISED === '1';
    const onSignal = onceThenForce(
      (sig) => {
        io.stderr.write(`vecbt worker: ${worker.name}: ${sig}: taking no new chunk, finishing the one in progress${supervised ? '' : ' (send again to exit now)'}\n`);
        worker.stop(sig);
      },
      // Under --concurrency the supervisor decides (it SIGKILLs the children on its own second signal).
      () => (supervised ? undefined : process.exit(130)),
    );
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
    try {
      await worker.run();
      return 0;
    } finally {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      detach();
    }
  });
}
