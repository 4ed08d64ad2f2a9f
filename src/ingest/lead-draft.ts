import type { LeadRow } from '../db/tenant-schema.ts';
import type { LeadProfile } from '../leads/lead.ts';
import { profileColumns } from '../leads/lead.ts';
import { normaliseTags } from '../leads/lead-edits.ts';
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
  };
  const empty = { tags: [], extra: {}, sources: [], manualFields: noManualFields };
  return { id, row, ...empty, original: null, newKeys: [], absorbed: [] };
}

const isBlank = (value: unknown) => value === null || value === undefined || value === '';
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Applies what one input states (`profileUrl` is the URL its identities give, used when it
 * states none). A blank never erases a value; a field a person edited is never touched.
 * `firstTouch` is true for the first input of an import that names this lead: it
 * updates the fields its source states; later inputs of the same import only fill blanks, so
 * re-importing a file with duplicate rows changes nothing.
 */
export function applyInput(
  draft: LeadDraft,
  input: LeadInput,
  firstTouch: boolean,
  profileUrl: string | undefined,
): void {
  applyProfile(draft, input, firstTouch);
  if (input.profile.profileUrl === undefined) {
    applyField(draft, 'profileUrl', profileUrl, firstTouch);
  }
  applyConnection(draft, input.profile, firstTouch);

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
  applyExtra(draft, input, firstTouch);
}

const nameFields = new Set<string>(['fullName', 'firstName', 'lastName']);

function applyField(draft: LeadDraft, field: ProfileField, value: unknown, firstTouch: boolean) {
  if (isBlank(value) || draft.manualFields.has(field)) return;
  const row = draft.row as unknown as Record<string, unknown>;
  const column = profileColumns[field];
  if (firstTouch || isBlank(row[column])) row[column] = value;
}

function applyProfile(draft: LeadDraft, input: LeadInput, firstTouch: boolean): void {
  for (const [field, value] of Object.entries(input.profile) as [ProfileField, unknown][]) {
    if (field === 'connectionStatus' || field === 'memberDistance') continue;
    if (input.placeholder && nameFields.has(field)) continue;
    applyField(draft, field, value, firstTouch);
  }
}

function applyConnection(
  draft: LeadDraft,
  profile: Partial<LeadProfile>,
  firstTouch: boolean,
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
  else if (row.member_distance === null || firstTouch) row.member_distance = distance;
}

function applyExtra(draft: LeadDraft, input: LeadInput, firstTouch: boolean): void {
  if (!input.extra) return;
  const bucket = { ...draft.extra[input.source] };
  for (const [name, value] of Object.entries(input.extra)) {
    if (isBlank(value)) continue;
    if (bucket[name] === undefined || (firstTouch && !sameJson(bucket[name], value))) {
      bucket[name] = value;
    }
  }
  if (Object.keys(bucket).length > 0) draft.extra = { ...draft.extra, [input.source]: bucket };
}

/**
 * Folds `other` into `survivor`: the survivor's values stand, its blanks are filled from the
 * other; lists are joined; the stricter do-not-contact and the closer connection win.
 */
export function absorb(survivor: LeadDraft, other: LeadDraft): void {
  const row = survivor.row as unknown as Record<string, unknown>;
  const from = other.row as unknown as Record<string, unknown>;
  for (const column of [...Object.values(profileColumns), 'priority', 'follow_up_on']) {
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
  applyConnection(survivor, connectionOf(other.row), false);
  if (other.row.created_at < survivor.row.created_at) {
    survivor.row.created_at = other.row.created_at;
  }

  survivor.tags = normaliseTags([...survivor.tags, ...other.tags]);
  survivor.sources = [...new Set([...survivor.sources, ...other.sources])];
  survivor.manualFields = new Set([...survivor.manualFields, ...other.manualFields]);
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
export function finalRow(draft: LeadDraft): LeadRow {
  const row = draft.row;
  row.tags = JSON.stringify(draft.tags);
  row.extra = JSON.stringify(draft.extra);
  row.sources = JSON.stringify(draft.sources);
  row.manual_fields = JSON.stringify([...draft.manualFields].sort());
  return row;
}

/** The columns whose stored value the draft changes (version and timestamps aside). */
export function changedColumns(draft: LeadDraft, row: LeadRow): Array<keyof LeadRow> {
  const original = draft.original;
  if (!original) return [];
  return (Object.keys(row) as Array<keyof LeadRow>).filter(
    (column) => column !== 'updated_at' && column !== 'version' && row[column] !== original[column],
  );
}

/** The survivor of a merge: a stored lead before a new one, then the oldest, then by id. */
export function mergeOrder(a: LeadDraft, b: LeadDraft): number {
  if ((a.original === null) !== (b.original === null)) return a.original === null ? 1 : -1;
  if (a.row.created_at !== b.row.created_at) return a.row.created_at < b.row.created_at ? -1 : 1;
  return a.id < b.id ? -1 : 1;
}
