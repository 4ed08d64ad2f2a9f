import type { LeadRow } from '../db/tenant-schema.ts';
import type { LeadProfile } from '../leads/lead.ts';
import { profileColumns } from '../leads/lead.ts';
import { normaliseTags } from '../leads/lead-edits.ts';
import { leadTextFields } from '../scoring/lead-text.ts';
import type { LeadInput } from './lead-input.ts';

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

type ProfileField = keyof LeadProfile;

/** Connection states from least to most: an import only ever moves a lead up. */
const connectionRank: Record<string, number> = {
  unknown: 0,
  not_connected: 1,
  pending: 2,
  connected: 3,
};

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
  const row: LeadRow = {
    id,
    full_name: null,
    first_name: null,
    last_name: null,
    headline: null,
    position: null,
    company: null,
    location: null,
    industry: null,
    about: null,
    email: null,
    phone: null,
    profile_url: null,
    sales_nav_url: null,
    connected_on: null,
    connection_status: 'unknown',
    member_distance: null,
    status: 'new',
    priority: null,
    tags: '[]',
    follow_up_on: null,
    do_not_contact: 0,
    extra: '{}',
    sources: '[]',
    manual_fields: '[]',
    version: 1,
    score: null,
    score_status: 'pending',
    score_detail: null,
    scored_at: null,
    scored_rubric_version: null,
    scorer: null,
    staged_at: null,
    invited_on: null,
    created_at: now,
    updated_at: now,
    profile_changed_at: null,
    import_marks: '{}',
    field_sources: '{}',
  };
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

const isBlank = (value: unknown) => value === null || value === undefined || value === '';
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Applies what one input states (`profileUrl` is the URL its identities give, used when it
 * states none). A blank never erases a value and a field a person edited is never touched. A
 * profile field belongs to the source that set it: that source updates it, any other only fills
 * it when blank, so that two tools that disagree cannot overwrite each other on every import.
 * The connection date keeps the earliest date known. Inputs apply in order: within one file the
 * later record of a person wins.
 */
export function applyInput(
  draft: LeadDraft,
  input: LeadInput,
  profileUrl: string | undefined,
): void {
  applyProfile(draft, input);
  if (input.profile.profileUrl === undefined) {
    applyField(draft, 'profileUrl', profileUrl, input.source);
  }
  applyConnection(draft, input.profile, input.source);

  const row = draft.row;
  const manual = draft.manualFields;
  if (input.tags && input.tags.length > 0 && !manual.has('tags')) {
    draft.tags = normaliseTags([...draft.tags, ...input.tags]);
  }
  if (input.status && row.status === 'new' && !manual.has('status')) row.status = input.status;
  if (input.followUpOn && row.follow_up_on === null && !manual.has('followUpOn')) {
    row.follow_up_on = input.followUpOn;
  }
  if (input.doNotContact === true && !manual.has('doNotContact')) row.do_not_contact = 1;
  if (!draft.sources.includes(input.source)) draft.sources.push(input.source);
  applyExtra(draft, input);
}

const nameFields = new Set<string>(['fullName', 'firstName', 'lastName']);

/** The source a field belongs to: the one named for it, else the lead's first source. */
const ownerOf = (draft: LeadDraft, field: string): string | undefined =>
  draft.fieldSources[field] ?? draft.sources[0];

/** True when `source` may set the field: it is blank, unclaimed, or the source's own. */
function mayWrite(draft: LeadDraft, field: string, current: unknown, source: string): boolean {
  const owner = ownerOf(draft, field);
  return isBlank(current) || owner === undefined || owner === source;
}

/** Makes `source` the field's owner, naming it only where it is not the lead's first source. */
function claim(draft: LeadDraft, field: string, source: string): void {
  if (source !== (draft.sources[0] ?? source)) draft.fieldSources[field] = source;
  else if (draft.fieldSources[field] !== undefined) delete draft.fieldSources[field];
}

function applyField(draft: LeadDraft, field: ProfileField, value: unknown, source: string) {
  if (isBlank(value) || draft.manualFields.has(field)) return;
  const row = draft.row as unknown as Record<string, unknown>;
  const column = profileColumns[field];
  if (field === 'connectedOn') {
    // Sources disagree on when a connection was made; the earliest date is the one to keep.
    if (isBlank(row[column]) || String(value) < String(row[column])) row[column] = value;
    return;
  }
  if (!mayWrite(draft, field, row[column], source)) return;
  row[column] = value;
  claim(draft, field, source);
}

function applyProfile(draft: LeadDraft, input: LeadInput): void {
  for (const [field, value] of Object.entries(input.profile) as [ProfileField, unknown][]) {
    if (field === 'connectionStatus' || field === 'memberDistance') continue;
    if (input.placeholder && nameFields.has(field)) continue;
    applyField(draft, field, value, input.source);
  }
}

function applyConnection(
  draft: LeadDraft,
  profile: Partial<LeadProfile>,
  source: string | null,
): void {
  const row = draft.row;
  const status = profile.connectionStatus;
  if (status && !draft.manualFields.has('connectionStatus')) {
    if ((connectionRank[status] ?? 0) > (connectionRank[row.connection_status] ?? 0)) {
      row.connection_status = status;
    }
  }
  const distance = profile.memberDistance;
  if (distance === undefined || distance === null) return;
  if (row.connection_status === 'connected') row.member_distance = 1;
  else if (source !== null && mayWrite(draft, 'memberDistance', row.member_distance, source)) {
    row.member_distance = distance;
    claim(draft, 'memberDistance', source);
  } else if (row.member_distance === null) row.member_distance = distance;
}

/** A source's own fields, kept in its own bucket: the later value of a field wins. */
function applyExtra(draft: LeadDraft, input: LeadInput): void {
  if (!input.extra) return;
  const bucket = { ...draft.extra[input.source] };
  for (const [name, value] of Object.entries(input.extra)) {
    if (isBlank(value)) continue;
    if (bucket[name] === undefined || !sameJson(bucket[name], value)) bucket[name] = value;
  }
  if (Object.keys(bucket).length > 0) draft.extra = { ...draft.extra, [input.source]: bucket };
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
