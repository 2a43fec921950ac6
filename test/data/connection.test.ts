import { describe, expect, it } from 'vitest';
import { connectionSecrets, maskPassword, parseConnectionString, poolConfigFromUrl, sslFor } from '../../src/data/connection';

const errorOf = (f: () => unknown): string => {
  try {
    f();
  } catch (err) {
    return (err as Error).message;
  }
  return '(no error)';
};

describe('connection settings', () => {
  it('poolConfigFromUrl labels host:port/db without the password', () => {
    const { config, target } = poolConfigFromUrl('postgres://u:secret@db.example.com:6543/prod');
    expect(target.label).toBe('db.example.com:6543/prod');
    expect(config.password).toBe('secret');
    expect(JSON.stringify(target)).not.toContain('secret');
  });

  it('TLS: on without verification for a remote host by default, off locally, PGSSLMODE honoured', () => {
    expect(sslFor('db.example.com', undefined)).toEqual({ rejectUnauthorized: false });
    expect(sslFor('127.0.0.1', undefined)).toBe(false);
    expect(sslFor('localhost', 'no-verify')).toEqual({ rejectUnauthorized: false });
    expect(sslFor('db.example.com', 'disable')).toBe(false);
    expect(sslFor('db.example.com', 'require')).toEqual({ rejectUnauthorized: true });
    expect(() => sslFor('h', 'bogus')).toThrow(/PGSSLMODE/);
  });

  it('sslmode in the URL wins over the environment', () => {
    expect(poolConfigFromUrl('postgres://u@db.example.com/x?sslmode=no-verify').config.ssl).toEqual({ rejectUnauthorized: false });
    expect(poolConfigFromUrl('postgres://u@db.example.com/x?sslmode=disable').config.ssl).toBe(false);
  });
});

describe('parseConnectionString', () => {
  it('parseConnectionString(a URL whose password holds a raw @) takes the last @ as the end of the password', () => {
    const s = parseConnectionString('postgres://u:S3c@r3tPW@db.example.com:6543/prod');
    expect([s.config.user, s.config.password, s.target.label]).toEqual(['u', 'S3c@r3tPW', 'db.example.com:6543/prod']);
    expect(s.secrets).toEqual(expect.arrayContaining(['S3c@r3tPW', 'S3c%40r3tPW']));
  });

  it('parseConnectionString(?password= and ?user= in the query) reads them like libpq', () => {
    const s = parseConnectionString('postgresql://h.example.com/db?user=bob&password=S3cr3tPW&sslmode=disable');
    expect([s.config.user, s.config.password, s.config.ssl, s.target.label]).toEqual(['bob', 'S3cr3tPW', false, 'h.example.com:5432/db']);
    expect(s.secrets).toContain('S3cr3tPW');
  });

  it("parseConnectionString(libpq keywords: spaces around =, 'quoted values', \\' escapes)", () => {
    const a = parseConnectionString('host=h.example.com port=6543 dbname=prod user=bob password = S3cr3tPW');
    expect([a.config.host, a.config.port, a.config.database, a.config.user, a.config.password, a.target.label]).toEqual([
      'h.example.com', 6543, 'prod', 'bob', 'S3cr3tPW', 'h.example.com:6543/prod',
    ]);
    const b = parseConnectionString("host=127.0.0.1 password='S3c r3t\\'PW' dbname = 'my db'");
    expect([b.config.password, b.config.database, b.target.label]).toEqual(["S3c r3t'PW", 'my db', '127.0.0.1:5432/my db']);
    expect(b.secrets).toContain("S3c r3t'PW");
  });

  it('parseConnectionString refuses malformed input without echoing any of it', () => {
    const cases: [string, RegExp][] = [
      ['postgres://u:S3c@r3tPW@ho st:1/db', /^DATABASE_URL is not a valid URL \(not shown: it may hold a password\); /],
      ['postgres://u:S3c%zzr3tPW@127.0.0.1:1/db', /^DATABASE_URL is malformed \(not shown: it may hold a password\): a % not followed by two hex digits; encode special characters as %XX/],
      ["host=h password='S3cr3tPW", /^DATABASE_URL is malformed \(not shown: it may hold a password\): a quoted value is not closed/],
      ['hots=h password=S3cr3tPW', /^DATABASE_URL: unknown keyword "hots" \(did you mean host\?\); vecbt reads host, hostaddr, port, dbname, user, password, /],
      // an unquoted password with a space: its second half reads as a keyword, which is not named back
      ['host=h password=S3c r3tPW=1', /^DATABASE_URL: an unknown keyword \(not shown: it may hold a password\); /],
      ['host=h password=S3c r3tPW', /^DATABASE_URL is malformed \(not shown: it may hold a password\): a keyword without "= value"; quote a value with spaces as password='a b'/],
      ['mysql://u:S3cr3tPW@h/db', /^DATABASE_URL must start with postgres:\/\//],
      ['S3cr3tPW', /^DATABASE_URL is neither a postgres:\/\/ URL nor keyword=value pairs \(not shown: it may hold a password\)/],
    ];
    for (const [given, re] of cases) {
      const message = errorOf(() => parseConnectionString(given));
      expect(message, given).toMatch(re);
      for (const part of ['S3c', 'r3tPW', 'S3cr3tPW']) expect(message, given).not.toContain(part);
    }
  });
});

describe('maskPassword', () => {
  it('maskPassword(text, [DATABASE_URL]) removes every form of that URL\'s password from a message', () => {
    const url = 'postgres://u:p%40ss%20w0rd@db.example.com:5432/x';
    expect(maskPassword('auth failed for p@ss w0rd / p%40ss%20w0rd, again p@ss w0rd', [url])).toBe('auth failed for *** / ***, again ***');
    expect(maskPassword("password 'S3c r3tPW' rejected", ["host=h password='S3c r3tPW'"])).toBe("password '***' rejected");
  });

  it('maskPassword(a connection string itself) shows it with the password as ***', () => {
    expect(maskPassword('postgres://u:p%40ss@db.example.com:5432/x', [])).toBe('postgres://u:***@db.example.com:5432/x');
    expect(maskPassword('host=h password = S3cr3tPW user=u', [])).toBe('host=h password=*** user=u');
    expect(maskPassword('postgres://u:S3c@r3tPW@ho st:1/db', [])).toBe('(a malformed connection string, not shown)');
  });

  it('connectionSecrets(env) holds the password of DATABASE_URL in every form, and PGPASSWORD; none for a short password', () => {
    expect(connectionSecrets({ DATABASE_URL: 'postgres://u:S3c%40r3tPW@h/d', PGPASSWORD: 'other-pw' }).sort()).toEqual(['S3c%40r3tPW', 'S3c@r3tPW', 'other-pw']);
    // A malformed URL is still searched for its likely password, so that nothing prints it.
    expect(connectionSecrets({ DATABASE_URL: 'postgres://u:S3c@r3tPW@ho st:1/db' })).toEqual(expect.arrayContaining(['S3c@r3tPW']));
    expect(connectionSecrets({ DATABASE_URL: 'postgres://u:ab@h/d' }), 'two characters would mask ordinary words').toEqual([]);
  });
});
