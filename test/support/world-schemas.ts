import pg from 'pg';

// The schemas of test worlds on PostgreSQL. Creating a control schema is some thirty DDL
// statements, the slowest part of a test there; so a closed world's control schema is emptied
// (its rows deleted, its identities restarted, its client schemas dropped) and handed to the
// next world of the same test file, and the file's last one is dropped after it
// (test/support/engine-setup.ts).

let pool: pg.Pool | undefined;
const spare: string[] = [];

function cleaner(url: string): pg.Pool {
  pool ??= new pg.Pool({ connectionString: url, max: 1, allowExitOnIdle: true });
  return pool;
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** A prefix whose control schema was emptied for reuse, if one is left. */
export function takeSpareWorld(): string | undefined {
  return spare.pop();
}

/** Empties a closed world's schemas and keeps its prefix for the next world. */
export async function emptyWorld(url: string, prefix: string): Promise<void> {
  const client = await cleaner(url).connect();
  try {
    await dropClientSchemas(client, prefix);
    await client.query('begin');
    await deleteControlRows(client, `${prefix}control`);
    await client.query('commit');
    spare.push(prefix);
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    client.release();
  }
}

/** Drops the control schemas kept for reuse: the end of a test file. */
export async function dropSpareWorlds(): Promise<void> {
  if (!pool) return;
  for (const prefix of spare.splice(0)) {
    await pool.query(`drop schema if exists ${quoted(`${prefix}control`)} cascade`);
  }
  await pool.end();
  pool = undefined;
}

async function dropClientSchemas(client: pg.PoolClient, prefix: string): Promise<void> {
  const found = await client.query<{ nspname: string }>(
    'select nspname from pg_namespace where starts_with(nspname, $1)',
    [`${prefix}t_`],
  );
  for (const { nspname } of found.rows) {
    await client.query(`drop schema if exists ${quoted(nspname)} cascade`);
  }
}

/**
 * Deletes every row but the migration records, children before the rows they reference (a
 * table whose delete breaks a reference waits for the next round), and restarts every identity,
 * so the next world sees what a new one would.
 */
async function deleteControlRows(client: pg.PoolClient, schema: string): Promise<void> {
  const tables = await client.query<{ tablename: string }>(
    `select tablename from pg_tables where schemaname = $1 and tablename <> 'leadbase_migrations'`,
    [schema],
  );
  let pending = tables.rows.map((row) => `${quoted(schema)}.${quoted(row.tablename)}`);
  while (pending.length > 0) {
    const blocked: string[] = [];
    for (const table of pending) {
      await client.query('savepoint empty_table');
      try {
        await client.query(`delete from ${table}`);
      } catch (error) {
        if ((error as { code?: string }).code !== '23503') throw error;
        await client.query('rollback to savepoint empty_table');
        blocked.push(table);
      }
    }
    if (blocked.length === pending.length) throw new Error(`cannot empty ${blocked.join(', ')}`);
    pending = blocked;
  }
  await client.query(
    `select setval(pg_get_serial_sequence(format('%I.%I', table_schema, table_name), column_name),
       1, false)
     from information_schema.columns where table_schema = $1 and is_identity = 'YES'`,
    [schema],
  );
}
