import { type ExpressionBuilder, type Kysely, sql, type UpdateObject } from 'kysely';
import type { ControlDatabase } from '../db/control-schema.ts';
import type { Stores } from '../db/tenancy.ts';
import { AppError, isAppError } from '../errors.ts';
import type { OperationProgress } from './operation.ts';
import type { RecordCounters } from './run.ts';

/** Item IDs resolved per statement, far below any engine's limit on bound parameters. */
const resolveSlice = 500;
/** A failure message is kept for people to read, not as a dump of a provider's reply. */
const maxMessageLength = 1000;

type IncrementedColumn = keyof RecordCounters;
type RecordUpdate = UpdateObject<ControlDatabase, 'run_records'>;

/** The worker whose lease a progress writer writes under. */
export interface ProgressLease {
  recordId: number;
  owner: string;
}

function checkAmount(name: string, amount: number): void {
  if (!Number.isFinite(amount) || amount < 0) {
    throw new AppError('validation_failed', `progress ${name}(${amount}): counters only grow`, {
      details: { counter: name, amount },
    });
  }
}

/**
 * The refusal of a report from a worker that no longer holds the record: its lease lapsed and
 * another worker took the record over, or the run was cancelled. Thrown out of the operation,
 * it ends the work; the next attempt at the record counts what it wrote, as after a crash
 * (`reconcile`).
 */
function leaseLost({ recordId, owner }: ProgressLease): AppError {
  return new AppError(
    'conflict',
    `run record ${recordId} is no longer held by ${owner}: its progress was not counted`,
    { details: { recordId, owner, leaseLost: true } },
  );
}

/** Whether `error` is a progress report refused because the worker no longer held the record. */
export function isLeaseLost(error: unknown): boolean {
  return isAppError(error) && error.code === 'conflict' && error.details?.leaseLost === true;
}

/** How far a counter falls short of `total`: what an atomic raise to `total` adds to it. */
function shortfall(column: 'succeeded' | 'failed', total: number) {
  return sql<number>`(case when ${sql.ref(column)} < ${total} then ${total} - ${sql.ref(column)} else 0 end)`;
}

/** Marks the record's unresolved failures of these items resolved. */
async function resolveFailures(
  trx: Kysely<ControlDatabase>,
  recordId: number,
  itemIds: string[],
  at: string,
): Promise<void> {
  for (let start = 0; start < itemIds.length; start += resolveSlice) {
    await trx
      .updateTable('run_failures')
      .set({ resolved_at: at })
      .where('record_id', '=', recordId)
      .where('item_id', 'in', itemIds.slice(start, start + resolveSlice))
      .where('resolved_at', 'is', null)
      .execute();
  }
}

/** Records one item's failure, or counts one more attempt at an item that failed before. */
async function recordFailure(
  trx: Kysely<ControlDatabase>,
  recordId: number,
  failure: { itemId: string; code: string; message: string },
  at: string,
): Promise<void> {
  await trx
    .insertInto('run_failures')
    .values({
      record_id: recordId,
      item_id: failure.itemId,
      code: failure.code,
      message: failure.message.slice(0, maxMessageLength),
      first_at: at,
      last_at: at,
    })
    .onConflict((conflict) =>
      conflict.columns(['record_id', 'item_id']).doUpdateSet((eb) => ({
        attempts: eb('run_failures.attempts', '+', 1),
        code: eb.ref('excluded.code'),
        message: eb.ref('excluded.message'),
        last_at: eb.ref('excluded.last_at'),
        resolved_at: null,
      })),
    )
    .execute();
}

/**
 * Writes an operation's progress to one ledger record. Every counter moves by an atomic
 * increment in the database (`x = x + n`), never by reading and writing back, so concurrent
 * writers lose nothing. Each write is fenced by the lease: it counts only while `lease.owner`
 * still holds the running record, and is refused (an AppError `conflict`) once another worker
 * took it over or the run was cancelled.
 *
 * A report that writes more than its counters runs in a `rowLockTransaction` whose first
 * statement is the fenced counter update: the record's row lock orders its writers (and keeps a
 * finish, a cancel or a takeover from slipping in between), without the store's write lock, which
 * on PostgreSQL would queue every worker's reports behind one another.
 */
export function ledgerProgress(
  stores: Stores,
  lease: ProgressLease,
  now: () => string,
): OperationProgress {
  const control = stores.control;
  const { recordId } = lease;

  /** Updates the record's counters while `lease` still holds it; throws `leaseLost` if not. */
  const updateHeld = async (
    db: Kysely<ControlDatabase>,
    values:
      | RecordUpdate
      | ((eb: ExpressionBuilder<ControlDatabase, 'run_records'>) => RecordUpdate),
  ) => {
    const result = await db
      .updateTable('run_records')
      .set(values)
      .where('id', '=', recordId)
      .where('lease_owner', '=', lease.owner)
      .where('status', '=', 'running')
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw leaseLost(lease);
  };

  const increment = async (amounts: Partial<Record<IncrementedColumn, number>>) => {
    const entries = Object.entries(amounts).filter(([, amount]) => amount !== 0);
    if (entries.length === 0) return;
    await updateHeld(control, (eb) =>
      Object.fromEntries(
        entries.map(([column, amount]) => [
          column,
          eb(column as IncrementedColumn, '+', amount as number),
        ]),
      ),
    );
  };

  const write = <T>(work: (trx: Kysely<ControlDatabase>) => Promise<T>) =>
    stores.dialect.rowLockTransaction(control, work);

  return {
    async examined(count) {
      checkAmount('examined', count);
      await increment({ examined: count });
    },

    async skipped(count) {
      checkAmount('skipped', count);
      await increment({ skipped: count });
    },

    async usage(tokens, cost) {
      checkAmount('usage tokens', tokens);
      checkAmount('usage cost', cost);
      await increment({ tokens, cost });
    },

    async succeeded(itemIds) {
      if (itemIds.length === 0) return;
      const at = now();
      await write(async (trx) => {
        await updateHeld(trx, (eb) => ({ succeeded: eb('succeeded', '+', itemIds.length) }));
        await resolveFailures(trx, recordId, itemIds, at);
      });
    },

    async reconcile({ settledIds, failed }) {
      checkAmount('reconcile failed', failed);
      const settled = settledIds.length;
      const at = now();
      await write(async (trx) => {
        // One statement, so that each right-hand side reads the counters as they were.
        await updateHeld(trx, {
          examined: sql`examined + ${shortfall('succeeded', settled)} + ${shortfall('failed', failed)}`,
          succeeded: sql`succeeded + ${shortfall('succeeded', settled)}`,
          failed: sql`failed + ${shortfall('failed', failed)}`,
        });
        const open = await trx
          .selectFrom('run_failures')
          .select('item_id')
          .where('record_id', '=', recordId)
          .where('resolved_at', 'is', null)
          .execute();
        const isSettled = new Set(settledIds);
        const resolved = open.map((row) => row.item_id).filter((id) => isSettled.has(id));
        await resolveFailures(trx, recordId, resolved, at);
      });
    },

    async failed(itemId, code, message) {
      const at = now();
      await write(async (trx) => {
        await updateHeld(trx, (eb) => ({ failed: eb('failed', '+', 1) }));
        await recordFailure(trx, recordId, { itemId, code, message }, at);
      });
    },

    async batch(report) {
      checkAmount('batch examined', report.examined);
      checkAmount('batch skipped', report.skipped);
      const at = now();
      await write(async (trx) => {
        await updateHeld(trx, (eb) => ({
          examined: eb('examined', '+', report.examined),
          succeeded: eb('succeeded', '+', report.succeededIds.length),
          failed: eb('failed', '+', report.failures.length),
          skipped: eb('skipped', '+', report.skipped),
        }));
        await resolveFailures(trx, recordId, report.succeededIds, at);
        for (const failure of report.failures) await recordFailure(trx, recordId, failure, at);
      });
    },

    // Not fenced: a provider's run that was started is a fact about the record, whoever started
    // it, and no counter moves.
    async externalRun(ref) {
      const at = now();
      await control
        .insertInto('run_external_runs')
        .values({
          record_id: recordId,
          provider: ref.provider,
          external_run_id: ref.externalRunId,
          status: ref.status,
          dataset_id: ref.datasetId,
          first_seen_at: at,
          updated_at: at,
        })
        .onConflict((conflict) =>
          conflict.columns(['provider', 'external_run_id']).doUpdateSet((eb) => ({
            status: eb.ref('excluded.status'),
            dataset_id: eb.fn.coalesce('excluded.dataset_id', 'run_external_runs.dataset_id'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    },
  };
}
