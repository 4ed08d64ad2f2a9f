import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import { nowIso } from '../clock.ts';
import type { TenantStore } from '../db/tenancy.ts';
import type { LeadRow } from '../db/tenant-schema.ts';
import { AppError, type FieldIssue } from '../errors.ts';
import { identityKind, parseProfileRef } from './identity.ts';
import type { Lead } from './lead.ts';
import {
  changeLead,
  findLeadRow,
  identitiesOf,
  type LeadChangePlan,
  leadNotFound,
  manualSource,
  readLead,
  recordLeadEvent,
  staleVersion,
} from './lead-change.ts';
import {
  editableFields,
  editColumns,
  type LeadEdits,
  normaliseTags,
  planEdits,
} from './lead-edits.ts';

/** A lead a person adds by hand: at least one LinkedIn reference, and what they know. */
export interface NewLead extends LeadEdits {
  /** Any LinkedIn profile reference: a profile URL, a Sales Navigator URL, a member ID. */
  profileUrl: string;
  salesNavUrl?: string | null;
}

export interface BulkLeadUpdate {
  ids: string[];
  status?: string;
  priority?: string | null;
  addTags?: string[];
  removeTags?: string[];
}

export interface BulkUpdateResult {
  updated: string[];
  unchanged: string[];
  notFound: string[];
}

function identityKeys(input: NewLead): string[] {
  const issues: FieldIssue[] = [];
  const keys: string[] = [];
  const refs = { profileUrl: input.profileUrl, salesNavUrl: input.salesNavUrl ?? null };

  for (const [field, ref] of Object.entries(refs)) {
    if (ref === null) continue;
    const parsed = parseProfileRef(ref);
    if (parsed.ok) keys.push(parsed.value.key);
    else issues.push({ path: field, message: `is not a LinkedIn person (${parsed.reason})` });
  }

  if (issues.length > 0) {
    const summary = issues.map((issue) => `${issue.path} ${issue.message}`).join('; ');
    throw new AppError('validation_failed', `invalid lead: ${summary}`, { issues });
  }
  return [...new Set(keys)];
}

function leadExists(leadId: string, key: string): AppError {
  return new AppError('lead_exists', `a lead with identity ${key} exists already: ${leadId}`, {
    details: { leadId, identity: key },
  });
}

/**
 * Adds a lead by hand. A reference that names a person already known answers `lead_exists`
 * with that lead's id; every field given counts as edited by a person.
 */
export async function createLead(store: TenantStore, input: NewLead): Promise<Lead> {
  const keys = identityKeys(input);
  const { profileUrl, salesNavUrl, ...edits } = input;
  const id = randomUUID();

  return store.dialect.writeTransaction(store.db, async (trx) => {
    const known = await trx
      .selectFrom('lead_identities')
      .select(['key', 'lead_id'])
      .where('key', 'in', keys)
      .executeTakeFirst();
    if (known) throw leadExists(known.lead_id, known.key);

    const now = nowIso();
    const manualFields = Object.entries(edits)
      .filter(([, value]) => value !== undefined && value !== null)
      .map(([field]) => field);
    const row: Insertable<LeadRow> = {
      id,
      profile_url: profileUrl.trim(),
      sales_nav_url: salesNavUrl?.trim() ?? null,
      connection_status: 'unknown',
      status: 'new',
      tags: '[]',
      do_not_contact: 0,
      extra: '{}',
      sources: JSON.stringify([manualSource]),
      manual_fields: JSON.stringify(manualFields.sort()),
      version: 1,
      score_status: 'pending',
      created_at: now,
      updated_at: now,
    };
    await trx
      .insertInto('leads')
      .values({ ...row, ...editColumns(edits) } as Insertable<LeadRow>)
      .execute();

    const rows = keys.map((key) => ({
      key,
      lead_id: id,
      kind: identityKind(key),
      created_at: now,
    }));
    const inserted = await trx
      .insertInto('lead_identities')
      .values(rows)
      .onConflict((conflict) => conflict.column('key').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) < keys.length) {
      // Another writer claimed one of the identities between the check and the insert.
      const owner = await trx
        .selectFrom('lead_identities')
        .select(['key', 'lead_id'])
        .where('key', 'in', keys)
        .where('lead_id', '!=', id)
        .executeTakeFirstOrThrow();
      throw leadExists(owner.lead_id, owner.key);
    }

    await recordLeadEvent(trx, id, { type: 'created', detail: { identities: keys, manualFields } });
    return readLead(trx, id);
  });
}

/**
 * Makes every field a person sent their own, also one that already held the value they chose:
 * a connection status set by hand to what an import said stays through a later invitation
 * batch, and a later import leaves the field alone. Null when nothing moves at all.
 */
function ownSentFields(
  row: LeadRow,
  edits: LeadEdits,
  plan: LeadChangePlan | null,
): LeadChangePlan | null {
  const owned = new Set([
    ...(JSON.parse(row.manual_fields) as string[]),
    ...(plan?.manualFields ?? []),
  ]);
  const kept = Object.keys(edits)
    .filter((field) => field in editableFields && !owned.has(field))
    .filter((field) => edits[field as keyof LeadEdits] !== undefined)
    .sort();
  if (kept.length === 0) return plan;
  if (plan) return { ...plan, manualFields: [...(plan.manualFields ?? []), ...kept] };
  return { set: {}, manualFields: kept, event: { type: 'updated', detail: { changes: {}, kept } } };
}

/**
 * A person's edit of a lead at the version they saw. A lead that moved on since answers
 * `precondition_failed` and nothing changes. An edit that changes nothing keeps the version,
 * unless it makes a field the person's own (`ownSentFields`).
 */
export async function updateLead(
  store: TenantStore,
  id: string,
  expectedVersion: number,
  edits: LeadEdits,
): Promise<Lead> {
  return store.dialect.writeTransaction(store.db, async (trx) => {
    const plan = (row: LeadRow) => ownSentFields(row, edits, planEdits(row, edits));
    const result = await changeLead(trx, id, plan, expectedVersion);
    if (result.outcome === 'not_found') throw leadNotFound(id);
    return readLead(trx, id);
  });
}

/** Deletes a lead with its identities, notes and scores; its events stay as history. */
export async function deleteLead(
  store: TenantStore,
  id: string,
  expectedVersion?: number,
): Promise<void> {
  await store.dialect.writeTransaction(store.db, async (trx) => {
    const row = await findLeadRow(trx, id);
    if (!row) throw leadNotFound(id);
    if (expectedVersion !== undefined && row.version !== expectedVersion) {
      throw staleVersion(id, expectedVersion, row.version);
    }
    const identities = await identitiesOf(trx, id);

    const deleted = await trx
      .deleteFrom('leads')
      .where('id', '=', id)
      .where('version', '=', row.version)
      .executeTakeFirst();
    if (Number(deleted.numDeletedRows) !== 1) {
      throw new AppError('conflict', `lead "${id}" changed while it was being deleted; try again`);
    }

    await recordLeadEvent(trx, id, {
      type: 'deleted',
      detail: { identities, version: row.version },
    });
  });
}

function bulkTags(current: string[], change: BulkLeadUpdate): string[] | undefined {
  if (!change.addTags && !change.removeTags) return undefined;
  const removed = new Set(normaliseTags(change.removeTags ?? []));
  return normaliseTags([...current, ...(change.addTags ?? [])]).filter((tag) => !removed.has(tag));
}

/**
 * Sets status and priority and adds or removes tags on many leads at once, in one transaction.
 * Each lead that changes gets its own version bump and event; unknown IDs are reported back.
 */
export async function bulkUpdateLeads(
  store: TenantStore,
  change: BulkLeadUpdate,
): Promise<BulkUpdateResult> {
  const result: BulkUpdateResult = { updated: [], unchanged: [], notFound: [] };
  const ids = [...new Set(change.ids)];

  await store.dialect.writeTransaction(store.db, async (trx) => {
    for (const id of ids) {
      const outcome = await changeLead(trx, id, (row) => {
        const tags = bulkTags(JSON.parse(row.tags) as string[], change);
        const edits: LeadEdits = {
          ...(change.status === undefined ? {} : { status: change.status }),
          ...(change.priority === undefined ? {} : { priority: change.priority }),
          ...(tags === undefined ? {} : { tags }),
        };
        return planEdits(row, edits, { bulk: true });
      });
      if (outcome.outcome === 'not_found') result.notFound.push(id);
      else result[outcome.outcome === 'changed' ? 'updated' : 'unchanged'].push(id);
    }
  });
  return result;
}
