import type { Lead, LeadEdits } from '../api/leads.ts';
import { newLeadFields } from './new-lead-fields.ts';

/** The profile fields a person can correct on the lead page (PATCH /api/leads/:id accepts them). */
const editableFields = [
  'fullName',
  'headline',
  'position',
  'company',
  'location',
  'industry',
  'email',
  'phone',
  'about',
] as const;

export type ProfileField = (typeof editableFields)[number];

const isProfileField = (name: string): name is ProfileField =>
  (editableFields as readonly string[]).includes(name);

/** The new-lead form's specs of these fields, in its order, so both forms ask the same way. */
export const profileFields = newLeadFields.filter(
  (field): field is (typeof newLeadFields)[number] & { name: ProfileField } =>
    isProfileField(field.name),
);

export const profileLabels = Object.fromEntries(
  profileFields.map((field) => [field.name, field.label]),
) as Record<ProfileField, string>;

/** The form's text per field; an empty field is a blank (null) value. */
export type ProfileValues = Record<ProfileField, string>;

export function profileValuesOf(lead: Lead): ProfileValues {
  return Object.fromEntries(
    profileFields.map((field) => [field.name, lead[field.name] ?? '']),
  ) as ProfileValues;
}

/** The profile field names, in form order. */
export const profileFieldNames = profileFields.map((field) => field.name);

/** Two texts of a field are the same when they differ only in surrounding blanks. */
export const sameText = (a: string, b: string) => a.trim() === b.trim();

/** The edits to send: each field whose trimmed text differs, an emptied field as null. */
export function changedProfile(base: ProfileValues, draft: ProfileValues): LeadEdits {
  const edits: LeadEdits = {};
  for (const { name } of profileFields) {
    const value = draft[name].trim();
    if (!sameText(value, base[name])) Object.assign(edits, { [name]: value === '' ? null : value });
  }
  return edits;
}

export function sameProfile(a: ProfileValues, b: ProfileValues): boolean {
  return profileFields.every(({ name }) => sameText(a[name], b[name]));
}

export interface ProfileConflict {
  field: ProfileField;
  theirs: string;
}

/** The fields this person changed from `base` that someone else changed to another value. */
export function profileConflicts(
  base: ProfileValues,
  draft: ProfileValues,
  latest: ProfileValues,
): ProfileConflict[] {
  return profileFields
    .map(({ name }) => name)
    .filter((name) => !sameText(draft[name], base[name]) && !sameText(latest[name], base[name]))
    .filter((name) => !sameText(latest[name], draft[name]))
    .map((field) => ({ field, theirs: latest[field] }));
}

/** A profile value as the conflict table shows it: a blank one as "none". */
export function shownProfileValue(value: string): string {
  return value.trim() === '' ? 'none' : value.trim();
}
