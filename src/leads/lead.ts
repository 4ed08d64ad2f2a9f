import type { LeadRow } from '../db/tenant-schema.ts';

export type ConnectionStatus = 'connected' | 'pending' | 'not_connected' | 'unknown';
export type ScoreStatus = 'pending' | 'scored' | 'failed' | 'disqualified' | 'unqualified';

/** The profile fields a source can state about a person. */
export interface LeadProfile {
  fullName: string | null;
  firstName: string | null;
  lastName: string | null;
  headline: string | null;
  position: string | null;
  company: string | null;
  location: string | null;
  industry: string | null;
  about: string | null;
  email: string | null;
  phone: string | null;
  profileUrl: string | null;
  salesNavUrl: string | null;
  /** Calendar date (YYYY-MM-DD) the connection was made. */
  connectedOn: string | null;
  connectionStatus: ConnectionStatus;
  memberDistance: number | null;
}

export interface Lead extends LeadProfile {
  id: string;
  /** Canonical identities (`in:…`, `mid:…`, `pub:…`), oldest first. */
  identities: string[];
  status: string;
  priority: string | null;
  tags: string[];
  /** Calendar date (YYYY-MM-DD) in the client's time zone. */
  followUpOn: string | null;
  doNotContact: boolean;
  /** Source-specific fields kept as given, by source field name. */
  extra: Record<string, unknown>;
  sources: string[];
  /** Fields a person edited; imports never overwrite them. */
  manualFields: string[];
  version: number;
  score: number | null;
  scoreStatus: ScoreStatus;
  scoreDetail: unknown;
  scoredAt: string | null;
  scoredRubricVersion: number | null;
  scorer: string | null;
  /**
   * When a field the scorer reads last changed; a lead scored before that is due for scoring
   * again, its old score shown until then. Null when unchanged since the lead was created.
   */
  profileChangedAt: string | null;
  stagedAt: string | null;
  invitedOn: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Profile fields by domain name and their column. */
export const profileColumns = {
  fullName: 'full_name',
  firstName: 'first_name',
  lastName: 'last_name',
  headline: 'headline',
  position: 'position',
  company: 'company',
  location: 'location',
  industry: 'industry',
  about: 'about',
  email: 'email',
  phone: 'phone',
  profileUrl: 'profile_url',
  salesNavUrl: 'sales_nav_url',
  connectedOn: 'connected_on',
  connectionStatus: 'connection_status',
  memberDistance: 'member_distance',
} as const satisfies Record<keyof LeadProfile, keyof LeadRow>;

export function leadFromRow(row: LeadRow, identities: string[]): Lead {
  return {
    id: row.id,
    identities,
    fullName: row.full_name,
    firstName: row.first_name,
    lastName: row.last_name,
    headline: row.headline,
    position: row.position,
    company: row.company,
    location: row.location,
    industry: row.industry,
    about: row.about,
    email: row.email,
    phone: row.phone,
    profileUrl: row.profile_url,
    salesNavUrl: row.sales_nav_url,
    connectedOn: row.connected_on,
    connectionStatus: row.connection_status as ConnectionStatus,
    memberDistance: row.member_distance,
    status: row.status,
    priority: row.priority,
    tags: JSON.parse(row.tags) as string[],
    followUpOn: row.follow_up_on,
    doNotContact: row.do_not_contact === 1,
    extra: JSON.parse(row.extra) as Record<string, unknown>,
    sources: JSON.parse(row.sources) as string[],
    manualFields: JSON.parse(row.manual_fields) as string[],
    version: row.version,
    score: row.score,
    scoreStatus: row.score_status as ScoreStatus,
    scoreDetail: row.score_detail === null ? null : JSON.parse(row.score_detail),
    scoredAt: row.scored_at,
    scoredRubricVersion: row.scored_rubric_version,
    scorer: row.scorer,
    profileChangedAt: row.profile_changed_at ?? null,
    stagedAt: row.staged_at,
    invitedOn: row.invited_on,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
