import {
  type ConnectionStatus,
  connectionLabels,
  type Lead,
  type LeadEdits,
} from '../api/leads.ts';

/** The fields the lead page edits in one form, saved together at one version. */
export interface LeadFormValues {
  status: string;
  priority: string | null;
  connectionStatus: ConnectionStatus;
}

export type LeadFormField = keyof LeadFormValues;

export const formFields: LeadFormField[] = ['status', 'priority', 'connectionStatus'];

export const fieldLabels: Record<LeadFormField, string> = {
  status: 'Status',
  priority: 'Priority',
  connectionStatus: 'Connection',
};

export function formValuesOf(lead: Lead): LeadFormValues {
  return { status: lead.status, priority: lead.priority, connectionStatus: lead.connectionStatus };
}

/** The fields of `draft` that differ from `base`, as the edits to send. */
export function changedFields(base: LeadFormValues, draft: LeadFormValues): LeadEdits {
  const edits: LeadEdits = {};
  for (const field of formFields) {
    if (draft[field] !== base[field]) Object.assign(edits, { [field]: draft[field] });
  }
  return edits;
}

export function sameValues(a: LeadFormValues, b: LeadFormValues): boolean {
  return formFields.every((field) => a[field] === b[field]);
}

/** One field both people changed: what this person typed and what the other save left. */
export interface FieldConflict {
  field: LeadFormField;
  mine: string | null;
  theirs: string | null;
}

/**
 * The fields someone else changed under this person's edits: those this person changed from
 * `base` whose saved value (`latest`) is no longer `base`'s and differs from the draft.
 */
export function conflictsOf(
  base: LeadFormValues,
  draft: LeadFormValues,
  latest: LeadFormValues,
): FieldConflict[] {
  return formFields
    .filter((field) => draft[field] !== base[field] && latest[field] !== base[field])
    .filter((field) => latest[field] !== draft[field])
    .map((field) => ({ field, mine: draft[field], theirs: latest[field] }));
}

/** A value as the page shows it: connection statuses by their label, none as "none". */
export function shownValue(field: LeadFormField, value: string | null): string {
  if (value === null || value === '') return 'none';
  if (field === 'connectionStatus') return connectionLabels[value as ConnectionStatus] ?? value;
  return value;
}
