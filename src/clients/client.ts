import type { ClientRow } from '../db/control-schema.ts';

export type ClientStatus = 'active' | 'paused';

/** What a client has bought: leads only, or leads and their posts. */
export type ServiceLevel = 'leads' | 'leads+posts';

export interface ClientSettings {
  /** Leads at or above this score are candidates for the next invitation batch. */
  scoreThreshold: number;
  /** Most leads one run scores for this client (0: no limit). */
  leadsPerRun: number;
}

export const defaultClientSettings: ClientSettings = { scoreThreshold: 60, leadsPerRun: 0 };

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
