import type { Selectable } from 'kysely';
import { nowIso } from '../clock.ts';
import type { TenantStore } from '../db/tenancy.ts';
import type { NoteRow } from '../db/tenant-schema.ts';
import { findLeadRow, leadNotFound, recordLeadEvent } from './lead-change.ts';

/** One entry in a lead's notes. Notes are only ever appended, never edited in place. */
export interface Note {
  id: number;
  leadId: string;
  body: string;
  author: string | null;
  createdAt: string;
}

export interface NewNote {
  body: string;
  /** Who wrote it, as a log-safe name (a token id, an operator), never an email. */
  author?: string | null;
}

export function noteFromRow(row: Selectable<NoteRow>): Note {
  return {
    id: row.id,
    leadId: row.lead_id,
    body: row.body,
    author: row.author,
    createdAt: row.created_at,
  };
}

/**
 * Appends a note to a lead. Two people writing at once both keep their note: each is its own
 * row, and the lead's version does not move, so a note never invalidates someone's edit.
 */
export async function addNote(store: TenantStore, leadId: string, note: NewNote): Promise<Note> {
  return store.dialect.writeTransaction(store.db, async (trx) => {
    if (!(await findLeadRow(trx, leadId))) throw leadNotFound(leadId);

    const row = await trx
      .insertInto('notes')
      .values({
        lead_id: leadId,
        body: note.body,
        author: note.author ?? null,
        created_at: nowIso(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();

    await recordLeadEvent(trx, leadId, { type: 'note_added', detail: { noteId: row.id } });
    return noteFromRow(row);
  });
}

/** A lead's notes, oldest first. */
export async function listNotes(store: TenantStore, leadId: string): Promise<Note[]> {
  if (!(await findLeadRow(store.db, leadId))) throw leadNotFound(leadId);
  const rows = await store.db
    .selectFrom('notes')
    .selectAll()
    .where('lead_id', '=', leadId)
    .orderBy('id')
    .execute();
  return rows.map(noteFromRow);
}
