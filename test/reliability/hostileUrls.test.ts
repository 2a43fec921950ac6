/**
 * Issue 17 item 2: the password of DATABASE_URL never shows, whatever shape the URL has. For each hostile
 * URL, the commands run in a child process and neither stdout nor stderr (nor --verbose's stack) holds the
 * password or a piece of it; for those that connect (the test cluster trusts local connections, so the
 * password is inert), no row of vecbt_runs, vecbt_chunks or vecbt_results holds it either.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { vecbt } from '../helpers/vecbtCli';
import { synthUniverse } from '../../src/data/synth';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await synthUniverse(db.pool, { tickers: 4, days: 80, seed: 5 });
});
afterAll(() => db?.drop());

/** Pieces of the passwords that must never be printed: around the @, the space, the %. */
const PIECES = ['S3c@r3tPW', 'S3c%40r3tPW', 'r3tPW', 'S3cr3tPW', 'S3c r3tPW', 'S3c%zz'];

const hostile = (name: string) => [
  // a raw @ in the password and a space in the host: not a URL
  { url: 'postgres://u:S3c@r3tPW@ho st:1/db', exit: 2, err: /DATABASE_URL is not a valid URL \(not shown/ },
  // %zz: decodeURIComponent threw 'URI malformed'
  { url: 'postgres://u:S3c%zzr3tPW@127.0.0.1:1/db', exit: 2, err: /DATABASE_URL is malformed \(not shown: it may hold a password\): a % not followed by two hex digits; encode special characters as %XX/ },
  // libpq keyword strings
  { url: 'host=127.0.0.1 port=1 password = S3cr3tPW', exit: 1, err: /cannot connect to PostgreSQL at 127\.0\.0\.1:1\/postgres \(connection refused/ },
  { url: "host=127.0.0.1 port=1 password='S3c r3tPW'", exit: 1, err: /cannot connect to PostgreSQL at 127\.0\.0\.1:1\/postgres \(connection refused/ },
  { url: "host=127.0.0.1 password='S3cr3tPW", exit: 2, err: /a quoted value is not closed/ },
  { url: 'hots=127.0.0.1 password=S3cr3tPW', exit: 2, err: /unknown keyword "hots"/ },
  // the password in the query string; a database that does not exist
  { url: 'postgres://127.0.0.1:1/db?password=S3cr3tPW', exit: 1, err: /connection refused/ },
  { url: 'postgres://postgres:S3cr3tPW@127.0.0.1:5432/no_such_db_for_vecbt', exit: 1, err: /database does not exist/ },
  // these connect
  { url: `postgres://postgres:S3c@r3tPW@127.0.0.1:5432/${name}`, exit: 0, err: /^$/ },
  { url: `host=127.0.0.1 port=5432 dbname=${name} user=postgres password = S3cr3tPW`, exit: 0, err: /^$/ },
  { url: `dbname='${name}' user=postgres host=127.0.0.1 password='S3c r3tPW'`, exit: 0, err: /^$/ },
];

const printed = (r: { out: string; err: string }) => r.out + r.err;

describe('hostile DATABASE_URLs', () => {
  it('vecbt runs, runs --verbose, results and db migrate never print any piece of the password', async () => {
    for (const h of hostile(db.name)) {
      const commands = [['runs'], ['runs', '--verbose'], ['results', '1'], ['db', 'migrate']];
      const results = await Promise.all(commands.map((args) => vecbt(args, { databaseUrl: h.url })));
      for (const [k, args] of commands.entries()) {
        const r = results[k];
        for (const p of PIECES) expect(printed(r), `${args.join(' ')} with ${h.url} prints ${p}`).not.toContain(p);
        if (args[0] === 'runs') {
          expect(r.code, `${args.join(' ')} with ${h.url}: ${r.err}`).toBe(h.exit);
          expect(r.err.split('\n')[0], `${args.join(' ')} with ${h.url}`).toMatch(h.err);
        }
      }
    }
  });

  it('vecbt run with the URLs that connect: nothing printed or stored holds the password', async () => {
    const ok = hostile(db.name).filter((h) => h.exit === 0);
    for (const h of ok) {
      const r = await vecbt(['run', '--no-tui', '--chunk-size', '2'], { databaseUrl: h.url });
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain(`on 127.0.0.1:5432/${db.name}`);
      for (const p of PIECES) expect(printed(r), `run with ${h.url} prints ${p}`).not.toContain(p);
    }
    const { rows } = await db.pool.query(
      `SELECT (SELECT count(*) FROM vecbt_runs)::int AS runs,
              concat((SELECT string_agg(r::text, ' ') FROM vecbt_runs r), (SELECT string_agg(c::text, ' ') FROM vecbt_chunks c),
                     (SELECT string_agg(x::text, ' ') FROM vecbt_results x)) AS all`,
    );
    expect(rows[0].runs).toBe(ok.length);
    for (const p of PIECES) expect(rows[0].all, p).not.toContain(p);
  });
});
