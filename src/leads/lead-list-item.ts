import type { LeadRow } from '../db/tenant-schema.ts';
import type { ConnectionStatus, Lead, ScoreStatus } from './lead.ts';

/**
 * A lead as a list of leads shows it: who, where they stand, their score. The long and rarely
 * listed fields (about, contact details, extra, score detail, identities) are left out, so a
 * page of search results reads a third of the columns and parses no JSON but the tags.
 */
export type LeadListItem = Pick<
  Lead,
  | 'id'
  | 'fullName'
  | 'headline'
  | 'position'
  | 'company'
  | 'location'
  | 'profileUrl'
  | 'connectionStatus'
  | 'status'
  | 'priority'
  | 'tags'
  | 'followUpOn'
  | 'doNotContact'
  | 'version'
  | 'score'
  | 'scoreStatus'
  | 'scoredAt'
  | 'stagedAt'
  | 'invitedOn'
  | 'createdAt'
  | 'updatedAt'
>;

/** The columns a list item is read from. */
export const listItemColumns = [
  'id',
  'full_name',
  'headline',
  'position',
  'company',
  'location',
  'profile_url',
  'connection_status',
  'status',
  'priority',
  'tags',
  'follow_up_on',
  'do_not_contact',
  'version',
  'score',
  'score_status',
  'scored_at',
  'staged_at',
  'invited_on',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof LeadRow)[];

export type ListItemRow = Pick<LeadRow, (typeof listItemColumns)[number]>;

export function listItemFromRow(row: ListItemRow): LeadListItem {
  return {
    id: row.id,
    fullName: row.full_name,
    headline: row.headline,
    position: row.position,
    company: row.company,
    location: row.location,
    profileUrl: row.profile_url,
    connectionStatus: row.connection_status as ConnectionStatus,
    status: row.status,
    priority: row.priority,
    tags: JSON.parse(row.tags) as string[],
    followUpOn: row.follow_up_on,
    doNotContact: row.do_not_contact === 1,
    version: row.version,
    score: row.score,
    scoreStatus: row.score_status as ScoreStatus,
    scoredAt: row.scored_at,
    stagedAt: row.staged_at,
    invitedOn: row.invited_on,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
