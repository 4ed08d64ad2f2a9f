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
  // Tenant migration 0004. Optional here because the store fills them in: rows written out in
  // full need not name them.
  /** When a field the scorer reads last changed on a stored lead; null since it was created. */
  profile_changed_at?: string | null;
  /** JSON {source: "<file sha256, 16 hex>:<record>"}: each source's last file record applied. */
  import_marks?: string;
  /** JSON {profile field: source}: the source that set each field; others only fill blanks. */
  field_sources?: string;
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

/** A lead's post, keyed by its LinkedIn activity ID (text, never a number). */
export interface PostRow {
  id: string;
  author_key: string;
  author_member_key: string | null;
  author_name: string | null;
  is_repost: number;
  original_author_key: string | null;
  original_author_name: string | null;
  original_post_id: string | null;
  text: string | null;
  original_text: string | null;
  url: string;
  posted_at: string | null;
  posted_at_basis: string;
  likes: number | null;
  comments: number | null;
  reposts: number | null;
  source: string;
  score: number | null;
  score_status: string;
  score_detail: string | null;
  scored_at: string | null;
  scored_rubric_version: number | null;
  scorer: string | null;
  actioned_at: string | null;
  first_seen_at: string;
  updated_at: string;
}

export interface PostRubricVersionRow {
  version: number;
  rubric: string;
  note: string | null;
  created_at: string;
}

/** What the posts side knows about one lead: when its posts were checked, its best post. */
export interface LeadPostStateRow {
  lead_id: string;
  checked_at: string | null;
  check_result: string | null;
  post_relevance: number | null;
  best_post_id: string | null;
  actioned_at: string | null;
  updated_at: string;
}

/** One actor run of the harvest, as the client's store remembers it. */
export interface PostHarvestRow {
  id: Generated<number>;
  run_id: string;
  external_run_id: string | null;
  dataset_id: string | null;
  status: string;
  client_day: string;
  profiles: number;
  items: number;
  posts: number;
  new_posts: number;
  code: string | null;
  message: string | null;
  started_at: string;
  finished_at: string | null;
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
  posts: PostRow;
  post_rubric_versions: PostRubricVersionRow;
  lead_post_state: LeadPostStateRow;
  post_harvests: PostHarvestRow;
}
