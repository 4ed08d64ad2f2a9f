import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheStatements } from './statement-cache.ts';

let database: Database.Database;
afterEach(() => database?.close());

describe('statement cache', () => {
  it('hands out one statement per SQL text, and a fresh one while it is being iterated', () => {
    database = new Database(':memory:');
    cacheStatements(database);
    database.exec('create table t (n integer); insert into t values (1), (2), (3);');
    const select = 'select n from t order by n';

    const first = database.prepare(select);
    const again = database.prepare(select);
    const iterator = first.iterate();
    iterator.next();
    const whileBusy = database.prepare(select);
    const rows = whileBusy.all();
    iterator.return?.();

    expect(again).toBe(first);
    expect(whileBusy).not.toBe(first);
    expect(rows).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(database.prepare(select)).toBe(first);
  });

  it('keeps a bounded number of statements, dropping the least recently used', () => {
    database = new Database(':memory:');
    cacheStatements(database);
    const first = database.prepare('select 0');

    for (let n = 1; n <= 256; n += 1) database.prepare(`select ${n}`);

    expect(database.prepare('select 256')).toBe(database.prepare('select 256'));
    expect(database.prepare('select 0')).not.toBe(first);
  });
});
