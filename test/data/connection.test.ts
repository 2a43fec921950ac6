import { describe, expect, it } from 'vitest';
import { maskPassword, poolConfigFromUrl, sslFor } from '../../src/data/connection';

describe('connection settings', () => {
  it('maskPassword hides the password of every URL in a message', () => {
    expect(maskPassword('failed: postgres://u:p%40ss@db.example.com:5432/x and postgresql://a:b@h/d')).toBe(
      'failed: postgres://u:***@db.example.com:5432/x and postgresql://a:***@h/d',
    );
    expect(maskPassword('host=h password=hunter2 user=u')).toBe('host=h password=*** user=u');
  });

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
