import type { Kysely, SelectQueryBuilder } from 'kysely';
import { nowIso } from '../clock.ts';
import type { ControlDatabase } from '../db/control-schema.ts';
import { grantTenantAccess, type Stores } from '../db/tenancy.ts';
import { AppError } from '../errors.ts';
import { refreshRunStatus } from '../runs/run-status.ts';
import type { AnyDatabase } from './client-archive-pages.ts';
import { tenantArchiveTables } from './client-archive-tables.ts';

/** What deleting a client removes, counted before it happens. */
export interface ClientDeletion {
  clientId: string;
  /** False for a store left without its registry row by an interrupted import or deletion. */
  registered: boolean;
  /** Rows per table of the client's store; empty when it has no store. */
  storeRows: Record<string, number>;
  /** Ledger records kept, with their counters, and their per-item failures removed. */
  ledgerRecords: number;
  failureDetails: number;
  /** Queued records that will never run, marked cancelled. */
  queuedRecords: number;
  accessTokens: number;
  inboxDeliveries: number;
}

function clientRecords(control: Kysely<ControlDatabase>, clientId: string) {
  return control.selectFrom('run_records').where('client_id', '=', clientId);
}

async function count<TB extends keyof ControlDatabase>(
  query: SelectQueryBuilder<ControlDatabase, TB, object>,
): Promise<number> {
  const row = await query
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function storeRows(stores: Stores, clientId: string): Promise<Record<string, number>> {
  if (!(await stores.hasTenant(clientId))) return {};
  return stores.withTenant(grantTenantAccess(clientId), async (store) => {
    const db = store.db as unknown as Kysely<AnyDatabase>;
    const counts: Record<string, number> = {};
    for (const table of tenantArchiveTables) {
      const row = await db
        .selectFrom(table.name)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      counts[table.name] = Number(row.n);
    }
    return counts;
  });
}

/** Counts what deleting `clientId` would remove; refuses an ID with neither client nor store. */
export async function planClientDeletion(
  stores: Stores,
  clientId: string,
): Promise<ClientDeletion> {
  const control = stores.control;
  const registered =
    (await control
      .selectFrom('clients')
      .select('id')
      .where('id', '=', clientId)
      .executeTakeFirst()) !== undefined;
  if (!registered && !(await stores.hasTenant(clientId))) {
    throw new AppError('client_not_found', `no client with id "${clientId}"`, {
      details: { id: clientId },
    });
  }
  const records = clientRecords(control, clientId);
  return {
    clientId,
    registered,
    storeRows: await storeRows(stores, clientId),
    ledgerRecords: await count(records),
    failureDetails: await count(
      control.selectFrom('run_failures').where('record_id', 'in', records.select('id')),
    ),
    queuedRecords: await count(records.where('status', '=', 'queued')),
    accessTokens: await count(
      control.selectFrom('access_tokens').where('client_id', '=', clientId),
    ),
    inboxDeliveries: await count(
      control.selectFrom('webhook_deliveries').where('client_id', '=', clientId),
    ),
  };
}

async function refuseWhileRunning(trx: Kysely<ControlDatabase>, clientId: string): Promise<void> {
  const running = await clientRecords(trx, clientId)
    .select(['run_id', 'operation'])
    .where('status', '=', 'running')
    .executeTakeFirst();
  if (running) {
    throw new AppError(
      'conflict',
      `client "${clientId}" has ${running.operation} running in run ${running.run_id}: wait for it to finish or cancel the run, then delete`,
      { details: { id: clientId, runId: running.run_id } },
    );
  }
}

/**
 * The control side of a deletion, in one transaction: queued records cancelled, per-item
 * failures (which name leads) removed while the records keep their counters, the client's
 * tokens and inbox deliveries removed, and its registry row last.
 */
async function deleteControlRows(trx: Kysely<ControlDatabase>, clientId: string): Promise<void> {
  await refuseWhileRunning(trx, clientId);
  const now = nowIso();
  const queued = await clientRecords(trx, clientId)
    .select('run_id')
    .where('status', '=', 'queued')
    .execute();
  await trx
    .updateTable('run_records')
    .set({
      status: 'cancelled',
      finished_at: now,
      error_code: 'client_deleted',
      error_message: 'the client was deleted',
    })
    .where('client_id', '=', clientId)
    .where('status', '=', 'queued')
    .execute();
  for (const runId of new Set(queued.map((row) => row.run_id))) {
    await refreshRunStatus(trx, runId, now);
  }

  await trx
    .deleteFrom('run_failures')
    .where('record_id', 'in', clientRecords(trx, clientId).select('id'))
    .execute();
  await trx.deleteFrom('webhook_deliveries').where('client_id', '=', clientId).execute();
  await trx.deleteFrom('access_tokens').where('client_id', '=', clientId).execute();
  await trx.deleteFrom('clients').where('id', '=', clientId).execute();
}

/**
 * Deletes a client: its registry row and control rows first (so nothing reaches the store
 * after), then its store. A store whose registry row is already gone is removed alone.
 */
export async function deleteClient(stores: Stores, clientId: string): Promise<ClientDeletion> {
  const plan = await planClientDeletion(stores, clientId);
  if (plan.registered) {
    await stores.dialect.writeTransaction(stores.control, (trx) =>
      deleteControlRows(trx, clientId),
    );
  }
  await stores.dropTenant(grantTenantAccess(clientId));
  return plan;
}
