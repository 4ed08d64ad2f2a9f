import type { LeadRow } from '../db/tenant-schema.ts';
import { blankLeadRow } from '../leads/blank-lead-row.ts';
import type { LeadProfile } from '../leads/lead.ts';
import { profileColumns } from '../leads/lead.ts';
import { normaliseTags } from '../leads/lead-edits.ts';
import { leadTextFields } from '../scoring/lead-text.ts';
import { applyConnection, claim, isBlank, ownerOf } from './lead-field-rules.ts';

/**
 * A lead as one write transaction shapes it: the stored row (or none for a new lead), and what
 * the batch's inputs and merges make of it. Only the final state is written.
 */
export interface LeadDraft {
  id: string;
  row: LeadRow;
  tags: string[];
  /** Source-specific fields, one bucket per source so two tools' same-named fields never clash. */
  extra: Record<string, Record<string, unknown>>;
  sources: string[];
  /** Fields a person edited: read here, replaced (never changed in place) by a merge. */
  manualFields: ReadonlySet<string>;
  /**
   * Profile field → the source that set it, where that is not the lead's first source (the
   * owner of every field not listed): another source only fills a field when it is blank.
   */
  fieldSources: Record<string, string>;
  /** Source → its last file record applied to the lead ("<file hash>:<record>"). */
  importMarks: Record<string, string>;
  /** The row as stored before this batch; null for a lead this batch creates. */
  original: LeadRow | null;
  /** Identities this batch adds to the lead. */
  newKeys: string[];
  /** Leads this one absorbed in this batch, in merge order. */
  absorbed: string[];
}

/** The columns whose words the scorer reads: a change makes the lead due for scoring again. */
const scoredColumns = leadTextFields.map((field) => profileColumns[field]);

const scoreColumns = [
  'score',
  'score_status',
  'score_detail',
  'scored_at',
  'scored_rubric_version',
  'scorer',
] as const satisfies ReadonlyArray<keyof LeadRow>;

export function draftFromRow(row: LeadRow): LeadDraft {
  return {
    id: row.id,
    row: { ...row },
    tags: JSON.parse(row.tags) as string[],
    extra: JSON.parse(row.extra) as Record<string, Record<string, unknown>>,
    sources: JSON.parse(row.sources) as string[],
    manualFields: new Set(JSON.parse(row.manual_fields) as string[]),
    fieldSources: JSON.parse(row.field_sources ?? '{}') as Record<string, string>,
    importMarks: JSON.parse(row.import_marks ?? '{}') as Record<string, string>,
    original: row,
    newKeys: [],
    absorbed: [],
  };
}

const noManualFields: ReadonlySet<string> = new Set();

export function newDraft(id: string, now: string): LeadDraft {
  const row = blankLeadRow(id, now);
  const empty = {
    tags: [],
    extra: {},
    sources: [],
    manualFields: noManualFields,
    fieldSources: {},
    importMarks: {},
  };
  return { id, row, ...empty, original: null, newKeys: [], absorbed: [] };
}

/**
 * Folds `other` into `survivor`: the survivor's values stand, its blanks are filled from the
 * other; lists are joined; the stricter do-not-contact, the closer connection and the earlier
 * connection date win.
 */
export function absorb(survivor: LeadDraft, other: LeadDraft): void {
  const row = survivor.row as unknown as Record<string, unknown>;
  const from = other.row as unknown as Record<string, unknown>;
  for (const [field, column] of Object.entries(profileColumns)) {
    if (!isBlank(row[column]) || isBlank(from[column])) continue;
    row[column] = from[column];
    const owner = ownerOf(other, field);
    if (owner !== undefined) claim(survivor, field, owner);
  }
  const connectedOn = other.row.connected_on;
  if (connectedOn !== null && connectedOn < (survivor.row.connected_on ?? connectedOn)) {
    survivor.row.connected_on = connectedOn;
  }
  for (const column of ['priority', 'follow_up_on']) {
    if (isBlank(row[column]) && !isBlank(from[column])) row[column] = from[column];
  }
  if (survivor.row.score === null && other.row.score !== null) {
    for (const column of scoreColumns) row[column] = from[column];
  }
  for (const column of ['staged_at', 'invited_on'] as const) {
    survivor.row[column] ??= other.row[column];
  }
  if (survivor.row.status === 'new') survivor.row.status = other.row.status;
  survivor.row.do_not_contact = Math.max(survivor.row.do_not_contact, other.row.do_not_contact);
  applyConnection(survivor, connectionOf(other.row), null);
  if (other.row.created_at < survivor.row.created_at) {
    survivor.row.created_at = other.row.created_at;
  }

  survivor.tags = normaliseTags([...survivor.tags, ...other.tags]);
  survivor.sources = [...new Set([...survivor.sources, ...other.sources])];
  survivor.manualFields = new Set([...survivor.manualFields, ...other.manualFields]);
  survivor.importMarks = { ...other.importMarks, ...survivor.importMarks };
  for (const [source, bucket] of Object.entries(other.extra)) {
    survivor.extra = { ...survivor.extra, [source]: { ...bucket, ...survivor.extra[source] } };
  }
  survivor.newKeys.push(...other.newKeys);
  survivor.absorbed.push(other.id, ...other.absorbed);
}

function connectionOf(row: LeadRow): Partial<LeadProfile> {
  return {
    connectionStatus: row.connection_status as LeadProfile['connectionStatus'],
    memberDistance: row.member_distance,
  };
}

/** The row to store, its list and object columns serialised in place: the plan is done. */
export function finalRow(draft: LeadDraft, now: string): LeadRow {
  const row = draft.row;
  row.tags = JSON.stringify(draft.tags);
  row.extra = JSON.stringify(draft.extra);
  row.sources = JSON.stringify(draft.sources);
  row.manual_fields = JSON.stringify([...draft.manualFields].sort());
  row.field_sources = JSON.stringify(draft.fieldSources);
  row.import_marks = JSON.stringify(draft.importMarks);
  const original = draft.original;
  if (original && scoredColumns.some((column) => row[column] !== original[column])) {
    row.profile_changed_at = now;
  }
  return row;
}

/** The columns whose stored value the draft changes (version and timestamps aside). */
export function changedColumns(draft: LeadDraft, row: LeadRow): Array<keyof LeadRow> {
  const original = draft.original;
  if (!original) return [];
  return (Object.keys(row) as Array<keyof LeadRow>).filter(
    (column) =>
      column !== 'updated_at' &&
      column !== 'version' &&
      (row[column] ?? null) !== (original[column] ?? null),
  );
}

/** The survivor of a merge: a stored lead before a new one, then the oldest, then by id. */
export function mergeOrder(a: LeadDraft, b: LeadDraft): number {
  if ((a.original === null) !== (b.original === null)) return a.original === null ? 1 : -1;
  if (a.row.created_at !== b.row.created_at) return a.row.created_at < b.row.created_at ? -1 : 1;
  return a.id < b.id ? -1 : 1;
}
