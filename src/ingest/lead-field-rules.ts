import type { LeadProfile } from '../leads/lead.ts';
import { profileColumns } from '../leads/lead.ts';
import { normaliseTags } from '../leads/lead-edits.ts';
import type { LeadDraft } from './lead-draft.ts';
import type { LeadInput } from './lead-input.ts';

// How one input changes a lead: which source may set which field, and the fields that only
// ever move one way (connection, status, do-not-contact).

type ProfileField = keyof LeadProfile;

/** Connection states from least to most: an import only ever moves a lead up. */
const connectionRank: Record<string, number> = {
  unknown: 0,
  not_connected: 1,
  pending: 2,
  connected: 3,
};

export const isBlank = (value: unknown) => value === null || value === undefined || value === '';
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
export const ownerOf = (draft: LeadDraft, field: string): string | undefined =>
  draft.fieldSources[field] ?? draft.sources[0];

/** True when `source` may set the field: it is blank, unclaimed, or the source's own. */
function mayWrite(draft: LeadDraft, field: string, current: unknown, source: string): boolean {
  const owner = ownerOf(draft, field);
  return isBlank(current) || owner === undefined || owner === source;
}

/** Makes `source` the field's owner, naming it only where it is not the lead's first source. */
export function claim(draft: LeadDraft, field: string, source: string): void {
  if (source !== (draft.sources[0] ?? source)) draft.fieldSources[field] = source;
  else if (draft.fieldSources[field] !== undefined) delete draft.fieldSources[field];
}

/** A cell that only says "nothing here" (`-`, `—`, `n/a`): as blank as an empty one. */
const placeholderCell = /^(?:[\s\-–—.]*|n\/?a)$/i;

const nameWords = (name: string) =>
  name
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '');

/** True when `next` names fewer of the same words than `current` ("Jane" after "Jane Xu"). */
function isShortenedName(current: unknown, next: unknown): boolean {
  if (typeof current !== 'string' || typeof next !== 'string') return false;
  const had = nameWords(current);
  const given = nameWords(next);
  return given.length < had.length && given.every((word) => had.includes(word));
}

function applyField(draft: LeadDraft, field: ProfileField, value: unknown, source: string) {
  if (isBlank(value) || draft.manualFields.has(field)) return;
  if (typeof value === 'string' && placeholderCell.test(value)) return;
  const row = draft.row as unknown as Record<string, unknown>;
  const column = profileColumns[field];
  // A row missing part of a name (a blank Last Name) must not shorten the name already known.
  if (field === 'fullName' && isShortenedName(row[column], value)) return;
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

export function applyConnection(
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
