import type { Kysely } from 'kysely';
import type { Client } from '../clients/client.ts';
import { nowIso } from '../clock.ts';
import type { TenantStore } from '../db/tenancy.ts';
import type { LeadRow, TenantDatabase } from '../db/tenant-schema.ts';
import { AppError } from '../errors.ts';
import { clientToday } from './follow-ups.ts';
import type { Lead } from './lead.ts';
import { changeLead, type LeadChangePlan, leadsFromRows } from './lead-change.ts';
import { scoreOutOfDate } from './score-freshness.ts';

/**
 * The next invitation batch: leads scored at or above the client's threshold that may still be
 * invited, staged (staged_at) by a person, exported for a LinkedHelper campaign, then finalized
 * (invited_on: the day, in the client's calendar, they were added to the campaign). A lead whose
 * profile changed after its score is held back until it is scored again: its old score may no
 * longer hold (a new headline can disqualify it).
 */

export interface BatchPreview {
  threshold: number;
  /** How many leads qualify in all. */
  total: number;
  /** The best of them, highest score first. */
  leads: Lead[];
  /** Leads that would qualify on their old score but whose profile changed after it. */
  outOfDate: { total: number; leads: Lead[] };
}

export interface StageResult {
  /** Leads staged by this call. */
  staged: Lead[];
  /** Leads in the staged batch after it. */
  batchSize: number;
}

type TenantDb = Kysely<TenantDatabase>;

/** People already connected or with an invitation pending cannot be invited again. */
const uninvitable = ['connected', 'pending'];

function invitableAt(db: TenantDb, threshold: number) {
  return db
    .selectFrom('leads')
    .where('score', '>=', threshold)
    .where('score_status', '=', 'scored')
    .where('staged_at', 'is', null)
    .where('invited_on', 'is', null)
    .where('do_not_contact', '=', 0)
    .where('connection_status', 'not in', uninvitable);
}

/** Leads that may join the next invitation batch at `threshold` (also counted by the overview). */
export function candidates(db: TenantDb, threshold: number) {
  return invitableAt(db, threshold).where((eb) => eb.not(scoreOutOfDate(eb)));
}

/** Leads held back from the batch until scored again: their profile changed after the score. */
function outOfDateCandidates(db: TenantDb, threshold: number) {
  return invitableAt(db, threshold).where(scoreOutOfDate);
}

type LeadQuery = ReturnType<typeof candidates>;

/** How many leads `query` finds, and the first `limit` of them, highest score first. */
async function countAndList(db: TenantDb, query: LeadQuery, limit: number) {
  const counted = await query
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  const rows = await query
    .selectAll()
    .orderBy('score', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
  return { total: Number(counted.count), leads: await leadsFromRows(db, rows) };
}

function stagedRows(db: TenantDb) {
  return db.selectFrom('leads').where('staged_at', 'is not', null).where('invited_on', 'is', null);
}

/** Options of a preview or a staging; `threshold` is the client's `scoreThreshold` by default. */
export interface BatchOptions {
  limit?: number;
  threshold?: number;
}

export async function previewInvitationBatch(
  store: TenantStore,
  client: Client,
  options: BatchOptions = {},
): Promise<BatchPreview> {
  const threshold = options.threshold ?? client.settings.scoreThreshold;
  const limit = options.limit ?? 50;
  const listed = await countAndList(store.db, candidates(store.db, threshold), limit);
  const outOfDate = await countAndList(store.db, outOfDateCandidates(store.db, threshold), limit);
  return { threshold, ...listed, outOfDate };
}

/** How many leads `threshold` would take but for a profile change after their score. */
export async function heldBackCount(store: TenantStore, threshold: number): Promise<number> {
  const counted = await outOfDateCandidates(store.db, threshold)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(counted.count);
}

/**
 * Fills the staged batch up to `size` leads with the best candidates. Calling it again with
 * the same size stages nothing more, so a retried request does not grow the batch.
 */
export async function stageInvitationBatch(
  store: TenantStore,
  client: Client,
  size: number,
  options: Pick<BatchOptions, 'threshold'> = {},
): Promise<StageResult> {
  const threshold = options.threshold ?? client.settings.scoreThreshold;

  // The count and the staging run in one write transaction, which holds the store's write lock
  // on every engine, so two stage requests at once cannot both fill the same room.
  return store.dialect.writeTransaction(store.db, async (trx) => {
    const current = await stagedRows(trx)
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    const room = Math.max(0, size - Number(current.count));
    const picked = await candidates(trx, threshold)
      .select('id')
      .orderBy('score', 'desc')
      .orderBy('id')
      .limit(room)
      .execute();

    const stagedAt = nowIso();
    const stagedIds: string[] = [];
    for (const { id } of picked) {
      const result = await changeLead(trx, id, (row) =>
        row.staged_at === null
          ? { set: { staged_at: stagedAt }, event: { type: 'staged', detail: { threshold } } }
          : null,
      );
      if (result.outcome === 'changed') stagedIds.push(id);
    }

    const rows =
      stagedIds.length === 0
        ? []
        : await trx
            .selectFrom('leads')
            .selectAll()
            .where('id', 'in', stagedIds)
            .orderBy('score', 'desc')
            .orderBy('id')
            .execute();
    return {
      staged: await leadsFromRows(trx, rows),
      batchSize: Number(current.count) + stagedIds.length,
    };
  });
}

/** The staged batch, highest score first. */
export async function stagedBatch(store: TenantStore): Promise<Lead[]> {
  const rows = await stagedRows(store.db)
    .selectAll()
    .orderBy('score', 'desc')
    .orderBy('id')
    .execute();
  return leadsFromRows(store.db, rows);
}

async function stampStaged(
  store: TenantStore,
  plan: (row: LeadRow) => LeadChangePlan | null,
): Promise<number> {
  return store.dialect.writeTransaction(store.db, async (trx) => {
    const ids = await stagedRows(trx).select('id').orderBy('id').execute();
    let changed = 0;
    for (const { id } of ids) {
      const result = await changeLead(trx, id, plan);
      if (result.outcome === 'changed') changed += 1;
    }
    return changed;
  });
}

/**
 * Whether finalizing makes the lead's connection "pending": the campaign sends the invitation,
 * so a lead not known to be connected now has one pending. A connection already known (pending
 * or connected) stays, and so does a status a person set by hand.
 */
function invitationPending(row: LeadRow): boolean {
  const manual = JSON.parse(row.manual_fields) as string[];
  if (manual.includes('connectionStatus')) return false;
  return row.connection_status === 'not_connected' || row.connection_status === 'unknown';
}

/**
 * Marks the staged batch as added to the campaign on the client's today, each lead's connection
 * as pending where `invitationPending` says so. An empty batch is an error, not a success that
 * did nothing.
 */
export async function finalizeInvitationBatch(
  store: TenantStore,
  client: Client,
  now: Date = new Date(),
): Promise<{ invitedOn: string; invited: number }> {
  const invitedOn = clientToday(client, now);
  const invited = await stampStaged(store, (row) => {
    if (row.staged_at === null || row.invited_on !== null) return null;
    const pending = invitationPending(row);
    const set = pending
      ? { invited_on: invitedOn, connection_status: 'pending' }
      : { invited_on: invitedOn };
    const detail = pending ? { invitedOn, connectionStatus: 'pending' } : { invitedOn };
    return { set, event: { type: 'invited', detail } };
  });
  if (invited === 0) {
    throw new AppError('conflict', 'no lead is staged for invitation: stage a batch first', {
      details: { clientId: client.id },
    });
  }
  return { invitedOn, invited };
}

/** Puts the staged leads back among the candidates. */
export async function resetInvitationBatch(store: TenantStore): Promise<{ unstaged: number }> {
  const unstaged = await stampStaged(store, (row) =>
    row.staged_at !== null && row.invited_on === null
      ? { set: { staged_at: null }, event: { type: 'unstaged', detail: {} } }
      : null,
  );
  return { unstaged };
}
