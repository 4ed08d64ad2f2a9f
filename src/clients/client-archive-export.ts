import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Kysely } from 'kysely';
import { nowIso } from '../clock.ts';
import type { Stores } from '../db/tenancy.ts';
import { AppError } from '../errors.ts';
import { requestNaming } from './client-archive-control.ts';
import { ArchiveLineWriter } from './client-archive-file.ts';
import {
  type ArchiveHeader,
  type ArchiveStore,
  archiveFormat,
  archiveVersion,
  countKey,
} from './client-archive-format.ts';
import {
  type AnyDatabase,
  archiveRow,
  type RowFilter,
  tablePages,
} from './client-archive-pages.ts';
import { type ControlArchiveTable, tenantArchiveTables } from './client-archive-tables.ts';
import { ClientRegistry } from './client-registry.ts';

export interface ArchiveSummary {
  path: string;
  clientId: string;
  /** Rows per `<store>.<table>`. */
  counts: Record<string, number>;
  sha256: string;
}

/** The client's rows of each archived control table, each read by its `id`. */
function controlFilters(
  db: Kysely<AnyDatabase>,
  clientId: string,
): Record<ControlArchiveTable, RowFilter> {
  const clientRecords = db.selectFrom('run_records').where('client_id', '=', clientId);
  const records: RowFilter = (query) => query.where('record_id', 'in', clientRecords.select('id'));
  return {
    clients: (query) => query.where('id', '=', clientId),
    runs: (query) => query.where('id', 'in', clientRecords.select('run_id')),
    run_records: (query) => query.where('client_id', '=', clientId),
    run_failures: records,
    run_external_runs: records,
    webhook_deliveries: (query) => query.where('client_id', '=', clientId),
  };
}

/**
 * A run's request as the archive holds it: a run over several clients names only this one, so
 * that no other client's ID leaves with the archive.
 */
function ownRequest(run: Record<string, unknown>, clientId: string): Record<string, unknown> {
  const request = requestNaming(run.request, clientId);
  return request === undefined ? run : { ...run, request };
}

/**
 * Reads in one transaction that sees one moment of the store (a snapshot on every engine).
 * TODO(in-process export): on SQLite the transaction holds the store's only connection of this
 * process for the whole export, so an export run inside the server would hold up that client's
 * requests; read from a connection of its own – when an admin route exports.
 */
function inSnapshot<T>(db: Kysely<AnyDatabase>, work: (trx: Kysely<AnyDatabase>) => Promise<T>) {
  return db.transaction().setIsolationLevel('repeatable read').execute(work);
}

export async function appliedMigrations(db: Kysely<AnyDatabase>): Promise<string[]> {
  const rows = await db.selectFrom('leadbase_migrations').select('name').orderBy('name').execute();
  return rows.map((row) => String(row.name));
}

class ArchiveExport {
  readonly counts: Record<string, number> = {};

  constructor(private readonly writer: ArchiveLineWriter) {}

  async copyTable(
    db: Kysely<AnyDatabase>,
    store: ArchiveStore,
    table: string,
    key: string,
    filter?: RowFilter,
    map: (row: Record<string, unknown>) => Record<string, unknown> = (row) => row,
  ): Promise<void> {
    const counted = countKey(store, table);
    this.counts[counted] = 0;
    for await (const rows of tablePages(db, table, key, filter)) {
      for (const row of rows) {
        await this.writer.write({ store, table, row: archiveRow(table, map(row)) });
      }
      this.counts[counted] += rows.length;
    }
  }
}

/**
 * Writes one client's archive (format: client-archive-format.ts) to `path`, which must not
 * exist yet. The archive appears under its name only when complete.
 */
export async function exportClientArchive(
  stores: Stores,
  clientId: string,
  path: string,
): Promise<ArchiveSummary> {
  const { access } = await new ClientRegistry(stores).operatorAccess(clientId);
  if (existsSync(path)) {
    throw new AppError('conflict', `${path} already exists: choose another file with --out`, {
      details: { path },
    });
  }
  mkdirSync(dirname(path), { recursive: true });
  const control = stores.control as unknown as Kysely<AnyDatabase>;
  const partial = `${path}.partial`;
  rmSync(partial, { force: true });
  const writer = new ArchiveLineWriter(partial);
  const archive = new ArchiveExport(writer);

  try {
    const controlMigrations = await appliedMigrations(control);
    await stores.withTenant(access, (store) =>
      inSnapshot(store.db as unknown as Kysely<AnyDatabase>, async (trx) => {
        const header: ArchiveHeader = {
          format: archiveFormat,
          version: archiveVersion,
          clientId,
          exportedAt: nowIso(),
          tenantMigrations: await appliedMigrations(trx),
          controlMigrations,
        };
        await writer.write(header);
        for (const table of tenantArchiveTables) {
          await archive.copyTable(trx, 'tenant', table.name, table.key);
        }
      }),
    );

    await inSnapshot(control, async (trx) => {
      for (const [table, filter] of Object.entries(controlFilters(trx, clientId))) {
        const map =
          table === 'runs'
            ? (row: Record<string, unknown>) => ownRequest(row, clientId)
            : undefined;
        await archive.copyTable(trx, 'control', table, 'id', filter, map);
      }
    });

    const sha256 = writer.digest();
    await writer.write({ end: true, counts: archive.counts, sha256 }, false);
    await writer.end();
    renameSync(partial, path);
    return { path, clientId, counts: archive.counts, sha256 };
  } catch (error) {
    writer.abort();
    rmSync(partial, { force: true });
    throw error;
  }
}
