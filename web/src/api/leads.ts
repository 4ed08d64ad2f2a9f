import { ApiError, api } from './client.ts';

export type ScoreStatus = 'pending' | 'scored' | 'failed' | 'disqualified' | 'unqualified';
export type ConnectionStatus = 'connected' | 'pending' | 'not_connected' | 'unknown';

export const scoreStatuses: ScoreStatus[] = [
  'pending',
  'scored',
  'failed',
  'disqualified',
  'unqualified',
];
export const connectionStatuses: ConnectionStatus[] = [
  'connected',
  'pending',
  'not_connected',
  'unknown',
];

/** Statuses offered in pickers; a lead may carry any other (imports bring their own). */
export const commonStatuses = [
  'new',
  'contacted',
  'replied',
  'meeting booked',
  'qualified',
  'not interested',
  'closed',
];
export const commonPriorities = ['high', 'medium', 'low'];

export const connectionLabels: Record<ConnectionStatus, string> = {
  connected: 'Connected',
  pending: 'Invitation pending',
  not_connected: 'Not connected',
  unknown: 'Unknown',
};

/** A lead as a list of search results shows it (the API's LeadListItem). */
export interface LeadListItem {
  id: string;
  fullName: string | null;
  headline: string | null;
  position: string | null;
  company: string | null;
  location: string | null;
  profileUrl: string | null;
  connectionStatus: ConnectionStatus;
  status: string;
  priority: string | null;
  tags: string[];
  followUpOn: string | null;
  doNotContact: boolean;
  version: number;
  score: number | null;
  scoreStatus: ScoreStatus;
  scoredAt: string | null;
  stagedAt: string | null;
  invitedOn: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A whole lead (the API's Lead). */
export interface Lead extends LeadListItem {
  identities: string[];
  firstName: string | null;
  lastName: string | null;
  industry: string | null;
  about: string | null;
  email: string | null;
  phone: string | null;
  salesNavUrl: string | null;
  connectedOn: string | null;
  memberDistance: number | null;
  extra: Record<string, unknown>;
  sources: string[];
  manualFields: string[];
  scoreDetail: unknown;
  scoredRubricVersion: number | null;
  scorer: string | null;
  /** When a field the scorer reads last changed; a score older than that is stale. */
  profileChangedAt: string | null;
}

export interface LeadPage {
  leads: LeadListItem[];
  nextCursor: string | null;
  total?: number;
}

/** The fields a person may change: the API's own type, so the two cannot drift apart. */
import type { LeadEdits } from '../../../src/leads/lead-edits.ts';
/** POST /api/leads/bulk (src/http/routes/leads-write.ts): the server's own types. */
import type { BulkLeadUpdate, BulkUpdateResult } from '../../../src/leads/lead-updates.ts';

export type { BulkLeadUpdate, BulkUpdateResult, LeadEdits };

export function leadPath(id: string): string {
  return `/leads/${encodeURIComponent(id)}`;
}

export function getLead(id: string, signal?: AbortSignal): Promise<Lead> {
  return api<Lead>(leadPath(id), signal ? { signal } : {});
}

/**
 * Saves edits made on `version` of a lead. A 412 (someone else saved first) rejects with an
 * ApiError whose status is 412; the caller shows both values and decides.
 */
export function updateLead(id: string, version: number, edits: LeadEdits): Promise<Lead> {
  return api<Lead>(leadPath(id), {
    method: 'PATCH',
    headers: { 'if-match': `"${version}"` },
    body: edits,
  });
}

export function bulkUpdateLeads(change: BulkLeadUpdate): Promise<BulkUpdateResult> {
  return api<BulkUpdateResult>('/leads/bulk', { method: 'POST', body: change });
}

/** Whether an error is the API's "the lead moved on since you read it" answer. */
export function isStaleVersion(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 412;
}
