import pg from 'pg';

// Once per test run on PostgreSQL: the schemas that test processes of earlier runs left behind
// (a run killed part-way never drops its worlds) are dropped. A world's prefix starts with
// t<pid><4 hex> (test/support/engine.ts), so a schema is left over when that process is gone.
// Only on a database of this machine: another machine's processes cannot be looked up here.

const worldSchema = /^t(\d+)[0-9a-f]{4}_/;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export default async function dropLeftWorlds(): Promise<void> {
  const url = process.env.LEADBASE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname)) return;

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const found = await client.query<{ nspname: string }>(
      `select nspname from pg_namespace where nspname ~ '^t[0-9]+[0-9a-f]{4}_'`,
    );
    for (const { nspname } of found.rows) {
      const pid = Number(worldSchema.exec(nspname)?.[1]);
      if (isRunning(pid)) continue;
      await client.query(`drop schema if exists "${nspname.replaceAll('"', '""')}" cascade`);
    }
  } finally {
    await client.end();
  }
}
