import type { Generated } from 'kysely';

/** Rows of one client's store, as stored (snake_case). JSON columns hold text. */
export interface LeadRow {
  id: string;
  full_name: string | null;
  first_name: string | null;
  last_name: string | null;
  headline: string | null;
  position: string | null;
  company: string | null;
  location: string | null;
  industry: string | null;
  about: string | null;
  email: string | null;
  phone: string | null;
  profile_url: string | null;
  sales_nav_url: string | null;
  connected_on: string | null;
  connection_status: string;
  member_distance: number | null;
  status: string;
  priority: string | null;
  tags: string;
  follow_up_on: string | null;
  do_not_contact: number;
  extra: string;
  sources: string;
  manual_fields: string;
  version: number;
  score: number | null;
  score_status: string;
  score_detail: string | null;
  scored_at: string | null;
  scored_rubric_version: number | null;
  scorer: string | null;
  staged_at: string | null;
  invited_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface LeadIdentityRow {
  key: string;
  lead_id: string;
  kind: string;
  created_at: string;
}

export interface LeadEventRow {
  id: Generated<number>;
  lead_id: string;
  type: string;
  source: string | null;
  detail: string;
  created_at: string;
}

export interface NoteRow {
  id: Generated<number>;
  lead_id: string;
  body: string;
  author: string | null;
  created_at: string;
}

export interface LeadScoreRow {
  id: Generated<number>;
  lead_id: string;
  run_id: string | null;
  rubric_version: number;
  scorer: string;
  score: number | null;
  status: string;
  detail: string;
  created_at: string;
}

export interface RubricVersionRow {
  version: number;
  rubric: string;
  note: string | null;
  created_at: string;
}

export interface SettingRow {
  key: string;
  value: string;
}

export interface ImportRow {
  id: Generated<number>;
  file_name: string;
  format: string;
  file_hash: string;
  counts: string;
  created_at: string;
}

export interface TenantDatabase {
  leads: LeadRow;
  lead_identities: LeadIdentityRow;
  lead_events: LeadEventRow;
  notes: NoteRow;
  lead_scores: LeadScoreRow;
  rubric_versions: RubricVersionRow;
  settings: SettingRow;
  imports: ImportRow;
}
