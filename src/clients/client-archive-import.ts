import type { Kysely } from 'kysely';
import type { Dialect } from '../db/dialect.ts';
import { controlMigrations } from '../db/migrations/control.ts';
import { tenantMigrations } from '../db/migrations/tenant.ts';
import { grantTenantAccess, type Stores } from '../db/tenancy.ts';
import { AppError } from '../errors.ts';
import { ControlRowWriter } from './client-archive-control.ts';
import {
  type ArchiveHeader,
  type ArchiveRowLine,
  type ArchiveValue,
  archiveInvalid,
} from './client-archive-format.ts';
import { ArchiveNulRemovals } from './client-archive-nul.ts';
import type { AnyDatabase } from './client-archive-pages.ts';
import { ArchiveRows, verifyArchive } from './client-archive-reader.ts';
import { RestoredRunIds } from './client-archive-runs.ts';
import { tenantArchiveTables } from './client-archive-tables.ts';
import { ClientRegistry, isClientId } from './client-registry.ts';

export interface ArchiveImportOptions {
  /** Restore under this client ID instead of the archived one. */
  as?: string;
}

export interface ArchiveImportSummary {
  clientId: string;
  archivedClientId: string;
  /** Rows per `<store>.<table>`, as the archive counts them. */
  counts: Record<string, number>;
  /** Values whose U+0000 characters were removed, by `<store>.<table>.<column>`. */
  nulRemoved: Record<string, number>;
}

/** Refuses an archive whose stores went through migrations this Leadbase does not know. */
function requireKnownMigrations(header: ArchiveHeader, dialect: Dialect, path: string): void {
  const known = new Set([
    ...Object.keys(tenantMigrations(dialect)),
    ...Object.keys(controlMigrations(dialect)),
  ]);
  const unknown = [...header.tenantMigrations, ...header.controlMigrations].filter(
    (name) => !known.has(name),
  );
  if (unknown.length > 0) {
    throw new AppError(
      'archive_unsupported',
      `the archive ${path} comes from a newer Leadbase (migrations unknown here: ${unknown.join(', ')}): import it with that version or a later one`,
      { details: { path, unknown } },
    );
  }
}

function requireFreeId(clientId: string, exists: boolean): void {
  if (!isClientId(clientId)) {
    throw new AppError(
      'validation_failed',
      `"${clientId}" is not a client ID: lower-case letters, digits and inner hyphens, 1-64 long`,
      { issues: [{ path: 'as', message: 'is not a client ID' }] },
    );
  }
  if (exists) {
    throw new AppError(
      'client_exists',
      `client "${clientId}" already exists: import under another ID with --as <new-id>`,
      { details: { id: clientId } },
    );
  }
}

/** A store that holds rows although its client is not registered is left alone, and named. */
async function requireEmptyStore(trx: Kysely<AnyDatabase>, clientId: string): Promise<void> {
  for (const table of tenantArchiveTables) {
    const row = await trx.selectFrom(table.name).select(table.key).limit(1).executeTakeFirst();
    if (row) {
      throw new AppError(
        'conflict',
        `a store for client "${clientId}" already holds data (table ${table.name}) although no such client is registered: an earlier import or deletion was interrupted; remove it with \`leadbase clients delete ${clientId} --confirm\`, then import again`,
        { details: { id: clientId, table: table.name } },
      );
    }
  }
}

const parametersPerInsert = 4000;

function refusedRows(path: string, table: string, error: unknown): AppError {
  const reason = error instanceof Error ? error.message : String(error);
  return archiveInvalid(path, `holds ${table} rows that the store refuses (${reason})`);
}

/**
 * Writes the tenant rows, in batches, referring to runs by the IDs they are restored under;
 * answers the first control row, which ends them.
 */
async function writeTenantRows(
  trx: Kysely<AnyDatabase>,
  dialect: Dialect,
  rows: ArchiveRows,
  runIds: RestoredRunIds,
  removals: ArchiveNulRemovals,
): Promise<ArchiveRowLine | undefined> {
  let batch: Record<string, ArchiveValue>[] = [];
  let table = '';
  const flush = async () => {
    if (batch.length === 0) return;
    try {
      await trx.insertInto(table).values(batch).execute();
    } catch (error) {
      throw refusedRows(rows.path, table, error);
    }
    batch = [];
  };

  let line = await rows.next();
  for (; line?.store === 'tenant'; line = await rows.next()) {
    if (line.table !== table) await flush();
    table = line.table;
    batch.push(runIds.follow(removals.clean('tenant', table, line.row)));
    if (batch.length * Object.keys(line.row).length >= parametersPerInsert) await flush();
  }
  await flush();

  for (const assigned of tenantArchiveTables.filter((spec) => spec.assigned)) {
    await dialect.advanceAutoIncrement(trx as Kysely<unknown>, assigned.name, assigned.key);
  }
  return line;
}

async function writeControlRows(
  writer: ControlRowWriter,
  first: ArchiveRowLine | undefined,
  rows: ArchiveRows,
  path: string,
  removals: ArchiveNulRemovals,
): Promise<void> {
  for (let line = first; line; line = await rows.next()) {
    if (line.store !== 'control') {
      throw archiveInvalid(
        path,
        `has a client store row after the control rows (line ${rows.lineNumber})`,
      );
    }
    const row = removals.clean('control', line.table, line.row);
    await writer.write({ ...line, row }, rows.lineNumber);
  }
}

/**
 * Restores a client from its archive, all or nothing: the archive is checked whole before
 * anything is written; then the client's store is filled in one transaction and its control rows
 * (registry row included, so the client appears with all of them) in another; a failure of the
 * second removes the store again.
 */
export async function importClientArchive(
  stores: Stores,
  path: string,
  options: ArchiveImportOptions = {},
): Promise<ArchiveImportSummary> {
  const { header, trailer } = await verifyArchive(path);
  requireKnownMigrations(header, stores.dialect, path);
  if (trailer.counts['control.clients'] !== 1) {
    throw archiveInvalid(path, 'does not hold exactly one registry row of its client');
  }
  const registry = new ClientRegistry(stores);
  const clientId = options.as ?? header.clientId;
  requireFreeId(clientId, (await registry.find(clientId)) !== undefined);

  const control = stores.control as unknown as Kysely<AnyDatabase>;
  const runIds = await RestoredRunIds.plan(control, path, clientId);
  const access = grantTenantAccess(clientId);
  const rows = new ArchiveRows(path);
  const removals = new ArchiveNulRemovals();
  let storeWritten = false;
  try {
    await rows.readHeader();
    const firstControl = await stores.withTenant(access, (store) =>
      store.dialect.writeTransaction(store.db as unknown as Kysely<AnyDatabase>, async (trx) => {
        await requireEmptyStore(trx, clientId);
        storeWritten = true;
        return writeTenantRows(trx, store.dialect, rows, runIds, removals);
      }),
    );
    await stores.dialect.writeTransaction(control, (trx) =>
      writeControlRows(
        new ControlRowWriter(trx, clientId, path, runIds),
        firstControl,
        rows,
        path,
        removals,
      ),
    );
  } catch (error) {
    // TODO(two stores, two commits): a crash between the store's commit and the registry's
    // leaves an unregistered store, which the next import names and `clients delete` removes;
    // and a client registered under the same ID in that instant keeps the restored rows – until
    // the control store records an import in progress (a control migration).
    if (storeWritten && !(await registry.find(clientId))) await stores.dropTenant(access);
    throw error;
  } finally {
    await rows.close();
  }
  return {
    clientId,
    archivedClientId: header.clientId,
    counts: trailer.counts,
    nulRemoved: removals.counts,
  };
}
