import type { Kysely } from 'kysely';
import { AppError } from '../errors.ts';
import type { ArchiveRowLine, ArchiveValue } from './client-archive-format.ts';
import { archiveInvalid } from './client-archive-format.ts';
import type { AnyDatabase } from './client-archive-pages.ts';
import type { RestoredRunIds } from './client-archive-runs.ts';

type Row = Record<string, ArchiveValue>;

/** A run's request read from its JSON text; undefined when it is no JSON object. */
function parsedRequest(text: unknown): { clientIds?: unknown } | undefined {
  try {
    const value: unknown = JSON.parse(String(text));
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A run's request (JSON text) naming `clientId` as its only client; undefined when the request
 * names no clients, and is then kept as it is.
 */
export function requestNaming(text: unknown, clientId: string): string | undefined {
  const parsed = parsedRequest(text);
  if (!Array.isArray(parsed?.clientIds)) return undefined;
  return JSON.stringify({ ...parsed, clientIds: [clientId] });
}

/**
 * Writes an archive's control rows for `clientId` (the archived ID or the one given with --as).
 * Ledger records and inbox deliveries get the IDs this store assigns, and every reference to
 * them follows. Runs take the IDs `runIds` restores them under: a run the store already holds
 * is kept as it is when it holds this client's records (kept when the client was deleted), and
 * so is such a ledger record of the same (run, client, operation).
 */
export class ControlRowWriter {
  private readonly recordIds = new Map<number, number>();
  private readonly deliveryIds = new Map<number, number>();

  constructor(
    private readonly trx: Kysely<AnyDatabase>,
    private readonly clientId: string,
    private readonly path: string,
    private readonly runIds: RestoredRunIds,
  ) {}

  async write(line: ArchiveRowLine, lineNumber: number): Promise<void> {
    const row = line.row;
    switch (line.table) {
      case 'clients':
        return this.client(row);
      case 'runs':
        return this.run(row);
      case 'run_records':
        return this.record(row);
      case 'run_failures':
      case 'run_external_runs':
        return this.underRecord(line.table, row, lineNumber);
      case 'webhook_deliveries':
        return this.delivery(row, lineNumber);
      default:
        throw archiveInvalid(this.path, `names the unknown table control.${line.table}`);
    }
  }

  private async client(row: Row): Promise<void> {
    const inserted = await this.trx
      .insertInto('clients')
      .values({ ...row, id: this.clientId })
      .onConflict((conflict) => conflict.column('id').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
      throw new AppError('client_exists', `client "${this.clientId}" already exists`, {
        details: { id: this.clientId },
      });
    }
  }

  /**
   * A run this store lacks. Its idempotency key stays unless a run of this store already holds
   * it (the same schedule slot here): then the key is that run's, and the restored run has none.
   */
  private async run(row: Row): Promise<void> {
    const id = this.runIds.of(row.id);
    const held = await this.trx
      .selectFrom('runs')
      .select('id')
      .where((eb) =>
        eb.or([eb('id', '=', id), eb('idempotency_key', '=', row.idempotency_key ?? null)]),
      )
      .execute();
    if (held.some((run) => run.id === id)) return;
    const request = requestNaming(row.request, this.clientId) ?? row.request ?? '{}';
    const key = held.length > 0 ? null : (row.idempotency_key ?? null);
    await this.trx
      .insertInto('runs')
      .values({ ...row, id, request, idempotency_key: key })
      .execute();
  }

  private async record(row: Row): Promise<void> {
    const { id, ...values } = row;
    const runId = this.runIds.of(values.run_id);
    const record = { ...values, run_id: runId, client_id: this.clientId };
    const inserted = await this.trx
      .insertInto('run_records')
      .values(record)
      .onConflict((conflict) => conflict.columns(['run_id', 'client_id', 'operation']).doNothing())
      .returning('id')
      .executeTakeFirst();
    const kept =
      inserted ??
      (await this.trx
        .selectFrom('run_records')
        .select('id')
        .where('run_id', '=', runId)
        .where('client_id', '=', this.clientId)
        .where('operation', '=', values.operation ?? null)
        .executeTakeFirstOrThrow());
    this.recordIds.set(Number(id), Number(kept.id));
  }

  private async underRecord(table: string, row: Row, lineNumber: number): Promise<void> {
    const { id: _id, record_id, ...values } = row;
    const recordId = this.recordIds.get(Number(record_id));
    if (recordId === undefined) {
      throw archiveInvalid(
        this.path,
        `has a ${table} row of an unknown record (line ${lineNumber})`,
      );
    }
    const unique =
      table === 'run_failures' ? ['record_id', 'item_id'] : ['provider', 'external_run_id'];
    await this.trx
      .insertInto(table)
      .values({ ...values, record_id: recordId })
      .onConflict((conflict) => conflict.columns(unique).doNothing())
      .execute();
  }

  private async delivery(row: Row, lineNumber: number): Promise<void> {
    const { id, duplicate_of, ...values } = row;
    const original = duplicate_of === null ? null : this.deliveryIds.get(Number(duplicate_of));
    if (original === undefined) {
      throw archiveInvalid(
        this.path,
        `has a delivery copied from an unknown one (line ${lineNumber})`,
      );
    }
    const inserted = await this.trx
      .insertInto('webhook_deliveries')
      .values({ ...values, client_id: this.clientId, duplicate_of: original })
      .returning('id')
      .executeTakeFirstOrThrow();
    this.deliveryIds.set(Number(id), Number(inserted.id));
  }
}
