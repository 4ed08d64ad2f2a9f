import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type {
  LeadEventRow,
  LeadIdentityRow,
  LeadRow,
  TenantDatabase,
} from '../db/tenant-schema.ts';
import { identityKind } from '../leads/identity.ts';
import { profileColumns } from '../leads/lead.ts';
import type { LeadBatch } from './lead-batch.ts';
import { changedColumns, finalRow, type LeadDraft } from './lead-draft.ts';
import { statementChunks } from './statement-chunks.ts';

type TenantDb = Kysely<TenantDatabase>;

/** Rows per multi-row insert: 37 lead columns × 256 stays under every engine's parameter cap. */
const leadChunk = 256;
const rowChunk = 1_024;

/**
 * Columns whose before and after an update event records: the profile and the pipeline fields.
 * `about` is long text, so an event names it among the fields changed without copying it.
 */
const describedColumns = new Set<keyof LeadRow>([
  ...Object.values(profileColumns).filter((column) => column !== 'about'),
  'status',
  'follow_up_on',
  'do_not_contact',
]);

/**
 * Columns kept for the import and the scorer (which source set a field, which file record was
 * applied last, when scored words changed), not for a person: an event does not list them, and
 * a change of these alone is written without an event or a new version.
 */
const bookkeepingColumns = new Set<keyof LeadRow>([
  'field_sources',
  'import_marks',
  'profile_changed_at',
]);

const fieldName = (column: string) =>
  column.replace(/_([a-z])/g, (_, letter) => letter.toUpperCase());

async function insertChunked<T extends 'leads' | 'lead_identities' | 'lead_events'>(
  db: TenantDb,
  table: T,
  rows: Insertable<TenantDatabase[T]>[],
  size: number,
): Promise<void> {
  for (const chunk of statementChunks(rows, size)) {
    await db
      .insertInto(table)
      .values(chunk as never)
      .execute();
  }
}

/**
 * Leaves out of the insert the columns empty in every new lead: the engine fills in the same
 * null, and a narrower statement is cheaper to build and run. An undefined value is a column
 * the query builder leaves out (set rather than deleted, which would slow the objects down).
 */
function withoutEmptyColumns(rows: LeadRow[]): Insertable<LeadRow>[] {
  const first = rows[0];
  if (!first) return [];
  const empty = (Object.keys(first) as Array<keyof LeadRow>).filter((column) =>
    rows.every((row) => row[column] === null),
  );
  const narrow = rows as unknown as Array<Record<string, unknown>>;
  for (const row of narrow) for (const column of empty) row[column] = undefined;
  return narrow as Insertable<LeadRow>[];
}

/**
 * Moves everything of a stored lead that merges into another (identities, notes, events,
 * scores, post state) onto the survivor, then deletes it. A new table that refers to leads
 * belongs in this list: its rows would otherwise go with the absorbed lead (on delete cascade).
 */
async function moveLead(db: TenantDb, from: string, into: string): Promise<void> {
  for (const table of ['lead_identities', 'notes', 'lead_events'] as const) {
    await db.updateTable(table).set({ lead_id: into }).where('lead_id', '=', from).execute();
  }
  // One score per lead and run: a run that scored both keeps the survivor's score.
  await db
    .updateTable('lead_scores')
    .set({ lead_id: into })
    .where('lead_id', '=', from)
    .where((eb) =>
      eb.or([
        eb('run_id', 'is', null),
        eb(
          'run_id',
          'not in',
          eb
            .selectFrom('lead_scores as kept')
            .select('kept.run_id')
            .where('kept.lead_id', '=', into)
            .where('kept.run_id', 'is not', null),
        ),
      ]),
    )
    .execute();
  await db
    .updateTable('lead_post_state')
    .set({ lead_id: into })
    .where('lead_id', '=', from)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('lead_post_state as kept')
            .select(sql.lit(1).as('one'))
            .where('kept.lead_id', '=', into),
        ),
      ),
    )
    .execute();
  await db.deleteFrom('leads').where('id', '=', from).execute();
}

function eventRow(
  draft: LeadDraft,
  type: string,
  detail: Record<string, unknown>,
  source: string,
  now: string,
): Insertable<LeadEventRow> {
  return { lead_id: draft.id, type, source, detail: JSON.stringify(detail), created_at: now };
}

/** The event recording what the batch did to a lead, or null when it changed nothing seen. */
function eventOf(
  draft: LeadDraft,
  columns: Array<keyof LeadRow>,
  source: string,
  now: string,
): Insertable<LeadEventRow> | null {
  if (!draft.original) {
    return eventRow(draft, 'created', { identities: draft.newKeys }, source, now);
  }
  if (columns.length === 0 && draft.newKeys.length === 0 && draft.absorbed.length === 0) {
    return null;
  }

  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const column of columns) {
    if (!describedColumns.has(column)) continue;
    changes[fieldName(column)] = { from: draft.original[column], to: draft.row[column] };
  }
  const identities = draft.newKeys.length > 0 ? { identities: draft.newKeys } : {};
  const detail = { fields: columns.map(fieldName), changes, ...identities };
  if (draft.absorbed.length === 0) return eventRow(draft, 'updated', detail, source, now);
  return eventRow(draft, 'merged', { absorbed: draft.absorbed, ...detail }, source, now);
}

function columnsOf(row: LeadRow, columns: Array<keyof LeadRow>): Updateable<LeadRow> {
  const set: Record<string, unknown> = {};
  for (const column of columns) set[column] = row[column];
  return set as Updateable<LeadRow>;
}

/** Writes a planned batch: merges first, then new leads, their identities, updates, events. */
export async function storeBatch(
  db: TenantDb,
  batch: LeadBatch,
  source: string,
  now: string,
): Promise<void> {
  for (const merge of batch.storedMerges) await moveLead(db, merge.from, merge.into);

  const created: LeadRow[] = [];
  const identities: Insertable<LeadIdentityRow>[] = [];
  const events: Insertable<LeadEventRow>[] = [];
  const updates: Array<{ id: string; set: Updateable<LeadRow> }> = [];

  for (const draft of batch.drafts.values()) {
    const row = finalRow(draft, now);
    const changed = changedColumns(draft, row);
    const columns = changed.filter((column) => !bookkeepingColumns.has(column));
    const event = eventOf(draft, columns, source, now);
    if (!event) {
      if (changed.length > 0) updates.push({ id: draft.id, set: columnsOf(row, changed) });
      continue;
    }
    events.push(event);
    for (const key of draft.newKeys) {
      identities.push({ key, lead_id: draft.id, kind: identityKind(key), created_at: now });
    }
    if (!draft.original) {
      created.push(row);
      continue;
    }
    const stamp = { version: draft.original.version + 1, updated_at: now };
    updates.push({ id: draft.id, set: { ...columnsOf(row, changed), ...stamp } });
  }

  await insertChunked(db, 'leads', withoutEmptyColumns(created), leadChunk);
  await insertChunked(db, 'lead_identities', identities, rowChunk);
  for (const update of updates) {
    await db.updateTable('leads').set(update.set).where('id', '=', update.id).execute();
  }
  await insertChunked(db, 'lead_events', events, rowChunk);
}
