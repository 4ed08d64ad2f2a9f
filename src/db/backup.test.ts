import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fillEveryTenantTable } from '../../test/support/client-data.ts';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import { type BackupManifest, backupStores } from './backup.ts';
import { grantTenantAccess, Stores } from './tenancy.ts';

const onFiles = process.env.LEADBASE_TEST_ENGINE !== 'postgres';

// Another process writing as an import does: each transaction adds 20 leads and records the
// total in a setting, and adds a run to the control store. A consistent copy holds exactly as
// many leads as its setting says.
const writerScript = `
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
const open = (path) => {
  const db = new Database(path, { timeout: 15000 });
  db.pragma('journal_mode = WAL');
  return db;
};
const tenant = open(process.env.TENANT);
const control = open(process.env.CONTROL);
const lead = tenant.prepare('insert into leads (id, created_at, updated_at) values (?, ?, ?)');
const total = tenant.prepare("insert into settings (key, value) values ('written', ?) on conflict (key) do update set value = excluded.value");
const run = control.prepare("insert into runs (id, trigger, request, status, created_at) values (?, 'cli', '{}', 'queued', ?)");
let written = 0;
for (let batch = 0; batch < 5000 && !existsSync(process.env.STOP); batch += 1) {
  tenant.transaction(() => {
    for (let i = 0; i < 20; i += 1) {
      written += 1;
      lead.run('w-' + written, 'now', 'now');
    }
    total.run(String(written));
  })();
  run.run('w-run-' + batch, 'now');
  if (batch === 10) process.stdout.write('ready\\n');
}
process.stdout.write('done ' + written + '\\n');
`;

let world: TestWorld;
let writer: ChildProcess | undefined;
afterEach(async () => {
  if (writer && writer.exitCode === null) {
    writer.kill();
    await once(writer, 'exit');
  }
  writer = undefined;
  await world?.close();
});

function startWriter(tenant: string, control: string, stop: string): Promise<void> {
  writer = spawn(process.execPath, ['--input-type=module', '-e', writerScript], {
    env: { ...process.env, TENANT: tenant, CONTROL: control, STOP: stop },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    writer?.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready') || chunk.toString().includes('done')) resolve();
    });
    writer?.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer ${code}`))));
  });
}

async function leadsAndTotal(dataDir: string) {
  const stores = await Stores.open({ dataDir, maxOpenTenants: 2 });
  try {
    return await stores.withTenant(grantTenantAccess('acme'), async (store) => {
      const leads = await store.db
        .selectFrom('leads')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const total = await store.db
        .selectFrom('settings')
        .select('value')
        .where('key', '=', 'written')
        .executeTakeFirst();
      return { leads: Number(leads.n) - 2, total: Number(total?.value ?? 0) };
    });
  } finally {
    await stores.close();
  }
}

function manifestOf(dir: string): BackupManifest {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as BackupManifest;
}

describe.runIf(onFiles)('backup of the embedded stores', () => {
  it('copies every store consistently while another process writes', async () => {
    world = await createTestWorld();
    const { access } = await world.addClient({ name: 'Acme', id: 'acme' });
    await world.addClient({ name: 'Beta', id: 'beta' });
    await world.stores.withTenant(access, fillEveryTenantTable);
    const stop = join(world.dataDir, 'stop');
    await startWriter(world.stores.tenantPath('acme'), join(world.dataDir, 'control.sqlite'), stop);

    const dirs = [1, 2, 3].map((n) => join(world.dataDir, `backup-${n}`));
    for (const dir of dirs) backupStores(world.stores, dir);
    writeFileSync(stop, '');
    await once(writer!, 'exit');

    for (const dir of dirs) {
      const manifest = manifestOf(dir);
      expect(manifest.files.map((file) => file.file)).toEqual([
        'control.sqlite',
        'tenants/acme.sqlite',
      ]);
      expect(manifest.clientsWithoutStore).toEqual(['beta']);
      for (const file of manifest.files) {
        const bytes = readFileSync(join(dir, file.file));
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
      }
      const { leads, total } = await leadsAndTotal(dir);
      expect(leads).toBe(total);
      expect(total % 20).toBe(0);
    }
  });

  it('refuses a folder that already holds files', async () => {
    world = await createTestWorld();
    writeFileSync(join(world.dataDir, 'x'), '');

    expect(() => backupStores(world.stores, world.dataDir)).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    );
  });
});

describe.runIf(!onFiles)('backup on PostgreSQL', () => {
  it('points to pg_dump instead', async () => {
    world = await createTestWorld();

    expect(() => backupStores(world.stores, join(world.dataDir, 'backup'))).toThrow(
      expect.objectContaining({
        code: 'not_supported',
        message: expect.stringContaining('pg_dump'),
      }),
    );
  });
});
