import type { LeadProfile } from '../leads/lead.ts';

/** One person as a source states it, before it is matched to a lead. */
export interface LeadInput {
  /** Data record number, from 1 after the header (the cases' README counts the same way). */
  record: number;
  /** Physical line (1-based) where the record starts, for reports; 0 when the source has none. */
  line: number;
  /** The tool the person came from: 'connections', 'salesnav', 'airtable', 'linkedhelper', … */
  source: string;
  /** Every LinkedIn reference the source states for this person, as written. */
  refs: string[];
  /** Values the source states are member IDs (numeric, or the ACoAA/ACwAA form). */
  memberIds?: string[];
  profile: Partial<LeadProfile>;
  tags?: string[];
  status?: string;
  doNotContact?: boolean;
  followUpOn?: string | null;
  /** Source-specific fields by the source's own field name. */
  extra?: Record<string, unknown>;
  /** A "LinkedIn Member" row: its name is not the person's and is never used for matching. */
  placeholder?: boolean;
  /** What the reader noticed but could live with (an unreadable date, a conflicting twin). */
  warnings?: string[];
}

/** A record that could not become a lead, with where it is and why. */
export interface Rejection {
  record: number;
  line: number;
  code: string;
  reason: string;
}

export interface ImportWarning {
  record: number;
  line: number;
  message: string;
}

/**
 * What the readers noticed in `inputs` (a cut text, a removed NUL), as report warnings, for the
 * writers that report without a file report (webhooks): `written` are the writer's own.
 */
export function withInputWarnings(inputs: LeadInput[], written: ImportWarning[]): ImportWarning[] {
  const noticed = inputs.flatMap((input) =>
    (input.warnings ?? []).map((message) => ({ record: input.record, line: input.line, message })),
  );
  return [...noticed, ...written].sort((a, b) => a.record - b.record);
}
