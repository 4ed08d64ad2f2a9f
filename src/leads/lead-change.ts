import type { Kysely, Updateable } from 'kysely';
import { nowIso } from '../clock.ts';
import type { LeadRow, TenantDatabase } from '../db/tenant-schema.ts';
import { AppError } from '../errors.ts';
import { type Lead, leadFromRow } from './lead.ts';

type TenantDb = Kysely<TenantDatabase>;

/** The source recorded on events of changes a person made (portal, API, CLI). */
export const manualSource = 'manual';

/** What one change does to a lead: the columns to set and the event that records it. */
export interface LeadChangePlan {
  set: Updateable<LeadRow>;
  /** Domain names of the fields a person edited; imports never overwrite them afterwards. */
  manualFields?: string[];
  event: { type: string; detail: Record<string, unknown> };
}

export type LeadChangeResult =
  | { outcome: 'changed' | 'unchanged'; row: LeadRow }
  | { outcome: 'not_found' };

/** How often a change without an expected version re-reads a lead a concurrent writer moved. */
const maxAttempts = 5;

export function leadNotFound(id: string): AppError {
  return new AppError('not_found', `no lead with id "${id}"`, { details: { leadId: id } });
}

export function staleVersion(id: string, expected: number, current: number): AppError {
  return new AppError(
    'precondition_failed',
    `lead "${id}" is at version ${current}, not ${expected}: reload it and apply the change again`,
    { details: { leadId: id, expectedVersion: expected, currentVersion: current } },
  );
}

export async function findLeadRow(db: TenantDb, id: string): Promise<LeadRow | undefined> {
  return db.selectFrom('leads').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function identitiesOf(db: TenantDb, leadId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('lead_identities')
    .select('key')
    .where('lead_id', '=', leadId)
    .orderBy('created_at')
    .orderBy('key')
    .execute();
  return rows.map((row) => row.key);
}

/** A lead with its identities, read inside or outside a transaction. */
export async function readLead(db: TenantDb, id: string): Promise<Lead> {
  const row = await findLeadRow(db, id);
  if (!row) throw leadNotFound(id);
  return leadFromRow(row, await identitiesOf(db, id));
}

export async function recordLeadEvent(
  db: TenantDb,
  leadId: string,
  event: { type: string; detail: Record<string, unknown> },
  source: string = manualSource,
): Promise<void> {
  await db
    .insertInto('lead_events')
    .values({
      lead_id: leadId,
      type: event.type,
      source,
      detail: JSON.stringify(event.detail),
      created_at: nowIso(),
    })
    .execute();
}

function withManualFields(row: LeadRow, fields: string[] | undefined): string | undefined {
  if (!fields || fields.length === 0) return undefined;
  const current = JSON.parse(row.manual_fields) as string[];
  const merged = [...new Set([...current, ...fields])].sort();
  return merged.length === current.length ? undefined : JSON.stringify(merged);
}

/**
 * Applies one planned change to one lead with a single conditional statement
 * (`where id = ? and version = ?`) that also bumps the version, then records its event.
 *
 * With `expectedVersion` (a person's edit) a lead at any other version is refused with
 * `precondition_failed`: of two writers holding the same version exactly one wins. Without it
 * (bulk and workflow changes) the plan is recomputed on the row a concurrent writer left.
 * `plan` returns null when the lead already is as asked. Call it inside a write transaction.
 */
export async function changeLead(
  db: TenantDb,
  id: string,
  plan: (row: LeadRow) => LeadChangePlan | null,
  expectedVersion?: number,
): Promise<LeadChangeResult> {
  for (let attempt = 0; attempt < maxAttempts; attempt += 1) {
    const row = await findLeadRow(db, id);
    if (!row) return { outcome: 'not_found' };
    if (expectedVersion !== undefined && row.version !== expectedVersion) {
      throw staleVersion(id, expectedVersion, row.version);
    }

    const change = plan(row);
    if (!change) return { outcome: 'unchanged', row };

    const manualFields = withManualFields(row, change.manualFields);
    const set: Updateable<LeadRow> = {
      ...change.set,
      ...(manualFields === undefined ? {} : { manual_fields: manualFields }),
      version: row.version + 1,
      updated_at: nowIso(),
    };
    const updated = await db
      .updateTable('leads')
      .set(set)
      .where('id', '=', id)
      .where('version', '=', row.version)
      .executeTakeFirst();

    if (Number(updated.numUpdatedRows) === 1) {
      await recordLeadEvent(db, id, change.event);
      return { outcome: 'changed', row: { ...row, ...set } as LeadRow };
    }
    if (expectedVersion !== undefined) {
      const current = await findLeadRow(db, id);
      if (!current) return { outcome: 'not_found' };
      throw staleVersion(id, expectedVersion, current.version);
    }
  }
  throw new AppError('conflict', `lead "${id}" kept changing under this update; try again`, {
    details: { leadId: id },
  });
}

/** Leads for rows read in one query, with their identities fetched in one more. */
export async function leadsFromRows(db: TenantDb, rows: LeadRow[]): Promise<Lead[]> {
  if (rows.length === 0) return [];
  const identities = await db
    .selectFrom('lead_identities')
    .select(['key', 'lead_id'])
    .where(
      'lead_id',
      'in',
      rows.map((row) => row.id),
    )
    .orderBy('created_at')
    .orderBy('key')
    .execute();
  const byLead = new Map<string, string[]>();
  for (const identity of identities) {
    const keys = byLead.get(identity.lead_id) ?? [];
    keys.push(identity.key);
    byLead.set(identity.lead_id, keys);
  }
  return rows.map((row) => leadFromRow(row, byLead.get(row.id) ?? []));
}
