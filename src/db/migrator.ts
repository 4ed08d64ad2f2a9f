import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from './dialect.ts';

/**
 * Applies the migrations not yet recorded, in name order, inside one write transaction: two
 * processes starting at once migrate once, the second sees the first's record.
 */
export async function migrate(
  db: Kysely<unknown>,
  dialect: Dialect,
  migrations: Record<string, Migration>,
): Promise<string[]> {
  return dialect.writeTransaction(db, async (trx) => {
    await dialect.prepareMigration(trx);
    await sql`create table if not exists leadbase_migrations (
      name text primary key,
      applied_at text not null
    )`.execute(trx);
    const applied = await sql<{ name: string }>`select name from leadbase_migrations`.execute(trx);
    const done = new Set(applied.rows.map((row) => row.name));
    const pending = Object.keys(migrations)
      .sort()
      .filter((name) => !done.has(name));

    for (const name of pending) {
      await migrations[name]!.up(trx);
      await sql`insert into leadbase_migrations (name, applied_at)
        values (${name}, ${new Date().toISOString()})`.execute(trx);
    }
    return pending;
  });
}
