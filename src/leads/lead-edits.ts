import type { Updateable } from 'kysely';
import { nowIso } from '../clock.ts';
import type { LeadRow } from '../db/tenant-schema.ts';
import { leadTextFields } from '../scoring/lead-text.ts';
import type { ConnectionStatus } from './lead.ts';
import type { LeadChangePlan } from './lead-change.ts';

/** The fields a person may edit on a lead, by domain name. Identities are not among them. */
export interface LeadEdits {
  fullName?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  headline?: string | null;
  position?: string | null;
  company?: string | null;
  location?: string | null;
  industry?: string | null;
  about?: string | null;
  email?: string | null;
  phone?: string | null;
  connectionStatus?: ConnectionStatus;
  status?: string;
  priority?: string | null;
  tags?: string[];
  doNotContact?: boolean;
}

export type EditableField = keyof LeadEdits;

type Stored = string | number | null;

/** Edits of these make the lead due for scoring again: the scorer reads their words. */
const scoredFields: ReadonlySet<string> = new Set(leadTextFields);

interface FieldMapping {
  column: keyof LeadRow;
  toColumn(value: unknown): Stored;
  fromColumn(value: Stored): unknown;
}

const plain: Pick<FieldMapping, 'toColumn' | 'fromColumn'> = {
  toColumn: (value) => (value ?? null) as Stored,
  fromColumn: (value) => value,
};

/** Optional text: a blank value means the field is empty, so it is stored as null, never as "". */
const text: Pick<FieldMapping, 'toColumn' | 'fromColumn'> = {
  toColumn: (value) =>
    typeof value === 'string' && value.trim() === '' ? null : plain.toColumn(value),
  fromColumn: (value) => value,
};

/** Edit fields and how each is stored; the order is the order changes are reported in. */
export const editableFields: Record<EditableField, FieldMapping> = {
  fullName: { column: 'full_name', ...text },
  firstName: { column: 'first_name', ...text },
  lastName: { column: 'last_name', ...text },
  headline: { column: 'headline', ...text },
  position: { column: 'position', ...text },
  company: { column: 'company', ...text },
  location: { column: 'location', ...text },
  industry: { column: 'industry', ...text },
  about: { column: 'about', ...text },
  email: { column: 'email', ...text },
  phone: { column: 'phone', ...text },
  connectionStatus: { column: 'connection_status', ...plain },
  status: { column: 'status', ...plain },
  priority: { column: 'priority', ...text },
  tags: {
    column: 'tags',
    toColumn: (value) => JSON.stringify(normaliseTags(value as string[])),
    fromColumn: (value) => JSON.parse(String(value)) as string[],
  },
  doNotContact: {
    column: 'do_not_contact',
    toColumn: (value) => (value ? 1 : 0),
    fromColumn: (value) => value === 1,
  },
};

/** Tags as a person means them: trimmed, no blanks, each once, in the order first given. */
export function normaliseTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const tag of tags) {
    const trimmed = tag.trim();
    if (trimmed !== '') seen.add(trimmed);
  }
  return [...seen];
}

/** Column values of a new lead's edits, by column name. */
export function editColumns(edits: LeadEdits): Partial<Record<keyof LeadRow, Stored>> {
  const columns: Partial<Record<keyof LeadRow, Stored>> = {};
  for (const [field, value] of Object.entries(edits)) {
    const mapping = editableFields[field as EditableField];
    if (mapping && value !== undefined) columns[mapping.column] = mapping.toColumn(value);
  }
  return columns;
}

/**
 * The change that brings `row` to `edits`, naming each field that moves with its old and new
 * value; null when every edited field already holds what is asked.
 */
export function planEdits(
  row: LeadRow,
  edits: LeadEdits,
  detail: Record<string, unknown> = {},
): LeadChangePlan | null {
  const set: Record<string, Stored> = {};
  const changes: Record<string, { from: unknown; to: unknown }> = {};

  for (const field of Object.keys(editableFields) as EditableField[]) {
    if (edits[field] === undefined) continue;
    const mapping = editableFields[field];
    const stored = mapping.toColumn(edits[field]);
    const current = row[mapping.column] as Stored;
    if (stored === current) continue;
    set[mapping.column] = stored;
    changes[field] = { from: mapping.fromColumn(current), to: mapping.fromColumn(stored) };
  }

  const fields = Object.keys(changes);
  if (fields.length === 0) return null;
  if (fields.some((field) => scoredFields.has(field))) set.profile_changed_at = nowIso();
  return {
    set: set as Updateable<LeadRow>,
    manualFields: fields,
    event: { type: 'updated', detail: { ...detail, changes } },
  };
}
