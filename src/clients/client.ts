import type { ClientRow } from '../db/control-schema.ts';

export type ClientStatus = 'active' | 'paused';

/** What a client has bought: leads only, or leads and their posts. */
export type ServiceLevel = 'leads' | 'leads+posts';

export interface ClientSettings {
  /** Leads at or above this score are candidates for the next invitation batch. */
  scoreThreshold: number;
  /** Most leads one run scores for this client (0: no limit). */
  leadsPerRun: number;
  /** Posts a 'leads+posts' client wants harvested per day, counted in its own calendar day. */
  postsPerDay: number;
  /** Profiles sent to one actor run of the post harvest. */
  postsBatchSize: number;
  /** Most actor runs of the post harvest per client per day. */
  postsMaxBatchesPerDay: number;
  /** A lead's posts are checked again only this many days after the last check. */
  postsRecheckDays: number;
  /** Posts scored at or above this are offered as conversation openers. */
  postScoreThreshold: number;
  /** LLM tokens one run may spend on this client; the configured limit when absent (0: none). */
  llmTokensPerRun?: number;
  /** LLM tokens this client may spend per calendar day; the configured limit when absent. */
  llmTokensPerDay?: number;
}

export const defaultClientSettings: ClientSettings = {
  scoreThreshold: 60,
  leadsPerRun: 0,
  postsPerDay: 50,
  postsBatchSize: 20,
  postsMaxBatchesPerDay: 3,
  postsRecheckDays: 14,
  postScoreThreshold: 50,
};

export interface Client {
  id: string;
  name: string;
  status: ClientStatus;
  serviceLevel: ServiceLevel;
  timeZone: string;
  stream: string | null;
  settings: ClientSettings;
  createdAt: string;
  updatedAt: string;
}

export function clientFromRow(row: ClientRow): Client {
  return {
    id: row.id,
    name: row.name,
    status: row.status as ClientStatus,
    serviceLevel: row.service_level as ServiceLevel,
    timeZone: row.time_zone,
    stream: row.stream,
    settings: {
      ...defaultClientSettings,
      ...(JSON.parse(row.settings) as Partial<ClientSettings>),
    },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
