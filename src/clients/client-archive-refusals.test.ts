import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { fillEveryTenantTable, fillLedger } from '../../test/support/client-data.ts';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import { exportClientArchive } from './client-archive-export.ts';
import { ArchiveLineWriter } from './client-archive-file.ts';
import { importClientArchive } from './client-archive-import.ts';

let source: TestWorld;
let target: TestWorld;
let path: string;
let original: string;
let rewrites = 0;
afterEach(async () => {
  await source?.close();
  await target?.close();
});

async function exported(): Promise<void> {
  source = await createTestWorld();
  target = await createTestWorld();
  const { access } = await source.addClient({ name: 'Acme', id: 'acme' });
  await source.stores.withTenant(access, fillEveryTenantTable);
  await fillLedger(source.stores.control, 'acme', 'other');
  path = join(source.dataDir, 'acme.jsonl.gz');
  original = path;
  await exportClientArchive(source.stores, 'acme', path);
}

function archiveLines(file = path): string[] {
  return gunzipSync(readFileSync(file)).toString('utf8').trimEnd().split('\n');
}

/** The exported archive's lines, edited, as a valid archive (fresh checksum and counts). */
async function rewrite(edit: (lines: unknown[]) => unknown[]): Promise<void> {
  const lines = edit(
    archiveLines(original)
      .slice(0, -1)
      .map((line) => JSON.parse(line)),
  );
  rewrites += 1;
  const rewritten = join(source.dataDir, `rewritten-${rewrites}.jsonl.gz`);
  const writer = new ArchiveLineWriter(rewritten);
  const counts: Record<string, number> = {};
  for (const [index, line] of lines.entries()) {
    await writer.write(line);
    if (index === 0) continue;
    const { store, table } = line as { store: string; table: string };
    counts[`${store}.${table}`] = (counts[`${store}.${table}`] ?? 0) + 1;
  }
  await writer.write({ end: true, counts, sha256: writer.digest() }, false);
  await writer.end();
  path = rewritten;
}

async function expectNothingImported(clientId = 'acme'): Promise<void> {
  expect(await target.clients.find(clientId)).toBeUndefined();
  expect(await target.stores.hasTenant(clientId)).toBe(false);
  expect(await target.stores.control.selectFrom('run_records').selectAll().execute()).toEqual([]);
}

describe('client archive import refuses', () => {
  it('a client ID that exists, unless --as names a free one', async () => {
    await exported();

    await expect(importClientArchive(source.stores, path)).rejects.toMatchObject({
      code: 'client_exists',
      message: 'client "acme" already exists: import under another ID with --as <new-id>',
    });
    await expect(
      importClientArchive(source.stores, path, { as: 'Not A Slug' }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('a truncated archive, before writing anything', async () => {
    await exported();
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length * 0.8)));

    await expect(importClientArchive(target.stores, path)).rejects.toMatchObject({
      code: 'archive_invalid',
      message: `the archive ${path} is cut short (truncated gzip data)`,
    });
    await expectNothingImported();
  });

  it('an archive cut at a line end, which lacks its closing line', async () => {
    await exported();
    const lines = archiveLines().slice(0, -3);
    writeFileSync(path, gzipSync(`${lines.join('\n')}\n`));

    await expect(importClientArchive(target.stores, path)).rejects.toMatchObject({
      code: 'archive_invalid',
      message: `the archive ${path} ends before its closing line: it is cut short (truncated)`,
    });
    await expectNothingImported();
  });

  it('an altered archive whose checksum no longer matches', async () => {
    await exported();
    const lines = archiveLines().map((line) => line.replace('"score":87.35', '"score":99'));
    writeFileSync(path, gzipSync(`${lines.join('\n')}\n`));

    await expect(importClientArchive(target.stores, path)).rejects.toMatchObject({
      code: 'archive_invalid',
      message: `the archive ${path} does not match its checksum: it was altered or damaged`,
    });
    await expectNothingImported();
  });

  it('a file that is not gzip', async () => {
    await exported();
    writeFileSync(path, 'id,name\n1,x\n');

    await expect(importClientArchive(target.stores, path)).rejects.toMatchObject({
      code: 'archive_invalid',
      message: `the archive ${path} is not gzip data or is damaged`,
    });
  });

  it('an archive of a newer format or from unknown migrations', async () => {
    await exported();
    await rewrite(([header, ...rows]) => [{ ...(header as object), version: 2 }, ...rows]);
    await expect(importClientArchive(target.stores, path)).rejects.toMatchObject({
      code: 'archive_unsupported',
      message: `the archive ${path} has format version 2; this Leadbase reads up to version 1: import it with a newer Leadbase`,
    });

    await rewrite(([header, ...rows]) => {
      const { tenantMigrations } = header as { tenantMigrations: string[] };
      return [
        { ...(header as object), tenantMigrations: [...tenantMigrations, '9999-future'] },
        ...rows,
      ];
    });
    await expect(importClientArchive(target.stores, path)).rejects.toMatchObject({
      code: 'archive_unsupported',
      message: `the archive ${path} comes from a newer Leadbase (migrations unknown here: 9999-future): import it with that version or a later one`,
    });
    await expectNothingImported();
  });

  it('rows the store refuses, leaving neither store nor registry row behind', async () => {
    await exported();
    await rewrite((lines) => [
      ...lines,
      {
        store: 'tenant',
        table: 'notes',
        row: { id: 99, lead_id: 'nobody', body: 'x', author: null, created_at: 'now' },
      },
    ]);
    // The note comes after the control rows: the archive's order is refused as such.
    await expect(importClientArchive(target.stores, path)).rejects.toMatchObject({
      code: 'archive_invalid',
    });
    await expectNothingImported();

    await rewrite((lines) => {
      const notes = lines.findIndex((line) => (line as { table?: string }).table === 'notes');
      const orphan = {
        store: 'tenant',
        table: 'notes',
        row: { id: 99, lead_id: 'nobody', body: 'x', author: null, created_at: 'now' },
      };
      return [...lines.slice(0, notes), orphan, ...lines.slice(notes)];
    });
    const refusal = importClientArchive(target.stores, path);
    await expect(refusal).rejects.toMatchObject({ code: 'archive_invalid' });
    await expect(refusal).rejects.toThrow(
      /holds notes rows that the store refuses \(.*foreign key/i,
    );
    await expectNothingImported();
  });

  it('an archive without its registry row', async () => {
    await exported();
    await rewrite((lines) =>
      lines.filter((line) => (line as { table?: string }).table !== 'clients'),
    );

    await expect(importClientArchive(target.stores, path)).rejects.toMatchObject({
      code: 'archive_invalid',
      message: `the archive ${path} does not hold exactly one registry row of its client`,
    });
    await expectNothingImported();
  });

  it('control rows that break, after the store was filled: the store goes again', async () => {
    await exported();
    await rewrite((lines) => [
      ...lines,
      {
        store: 'control',
        table: 'run_failures',
        row: {
          id: 1,
          record_id: 12345,
          item_id: 'x',
          code: 'c',
          message: 'm',
          attempts: 1,
          first_at: 'a',
          last_at: 'a',
          resolved_at: null,
        },
      },
    ]);

    await expect(importClientArchive(target.stores, path)).rejects.toMatchObject({
      code: 'archive_invalid',
      message: `the archive ${path} has a run_failures row of an unknown record (line ${archiveLines().length - 1})`,
    });
    await expectNothingImported();
  });
});
