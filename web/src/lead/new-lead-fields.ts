import type { ProblemIssue } from '../api/client.ts';
import type { NewLead } from './lead-detail-api.ts';

export type NewLeadField = keyof NewLead;

/** The new-lead form's fields, in order, with what each asks for. */
export const newLeadFields: Array<{
  name: NewLeadField;
  label: string;
  type?: 'url' | 'email' | 'tel' | 'textarea';
  required?: boolean;
  hint?: string;
}> = [
  {
    name: 'profileUrl',
    label: 'LinkedIn URL',
    type: 'url',
    required: true,
    hint: 'A linkedin.com/in/… address (a Sales Navigator lead link works too).',
  },
  { name: 'fullName', label: 'Name' },
  { name: 'headline', label: 'Headline' },
  { name: 'position', label: 'Position' },
  { name: 'company', label: 'Company' },
  { name: 'location', label: 'Location' },
  { name: 'industry', label: 'Industry' },
  { name: 'email', label: 'Email', type: 'email' },
  { name: 'phone', label: 'Phone', type: 'tel' },
  { name: 'salesNavUrl', label: 'Sales Navigator URL', type: 'url' },
  { name: 'about', label: 'About', type: 'textarea' },
];

export type NewLeadValues = Record<NewLeadField, string>;

export const emptyNewLead: NewLeadValues = Object.fromEntries(
  newLeadFields.map((field) => [field.name, '']),
) as NewLeadValues;

/** The body to send: the URL, and every other field a person filled in (trimmed). */
export function newLeadBody(values: NewLeadValues): NewLead {
  const body: NewLead = { profileUrl: values.profileUrl.trim() };
  for (const field of newLeadFields) {
    const value = values[field.name].trim();
    if (field.name !== 'profileUrl' && value !== '') Object.assign(body, { [field.name]: value });
  }
  return body;
}

/** Problem+json issues by form field: `body.email` and `email` both name the Email field. */
export function issuesByField(issues: ProblemIssue[]): Partial<Record<NewLeadField, string>> {
  const byField: Partial<Record<NewLeadField, string>> = {};
  const known = new Set<string>(newLeadFields.map((field) => field.name));
  for (const issue of issues) {
    const name = issue.path.replace(/^body\./, '').split('.')[0] ?? '';
    if (!known.has(name)) continue;
    const field = name as NewLeadField;
    byField[field] = byField[field] ? `${byField[field]}; ${issue.message}` : issue.message;
  }
  return byField;
}
