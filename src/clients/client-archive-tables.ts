import type { ControlDatabase } from '../db/control-schema.ts';
import type { TenantDatabase } from '../db/tenant-schema.ts';

/** How a tenant table is read (keyset pages over its primary key) and when it is written. */
export interface TenantTableSpec {
  /** The single-column primary key: pages are read in its order. */
  key: string;
  /** Tables of a lower rank are written first (a table after those its rows reference). */
  rank: number;
  /** The key is assigned by the store: an import that writes it must move the counter on. */
  assigned?: true;
}

/**
 * Every tenant table, as the archive carries it. A Record over the schema's tables, so a table
 * added to TenantDatabase without an entry here fails the typecheck; client-archive.test.ts
 * fails when a migration creates a table that this list misses.
 */
const tenantSpecs: {
  [T in keyof TenantDatabase]: TenantTableSpec & { key: keyof TenantDatabase[T] & string };
} = {
  leads: { key: 'id', rank: 0 },
  lead_identities: { key: 'key', rank: 1 },
  lead_events: { key: 'id', rank: 1, assigned: true },
  notes: { key: 'id', rank: 1, assigned: true },
  lead_scores: { key: 'id', rank: 1, assigned: true },
  lead_post_state: { key: 'lead_id', rank: 1 },
  rubric_versions: { key: 'version', rank: 0 },
  settings: { key: 'key', rank: 0 },
  imports: { key: 'id', rank: 0, assigned: true },
  posts: { key: 'id', rank: 0 },
  post_rubric_versions: { key: 'version', rank: 0 },
  post_harvests: { key: 'id', rank: 0, assigned: true },
};

export interface NamedTenantTable extends TenantTableSpec {
  name: keyof TenantDatabase & string;
}

/** Tenant tables in the order an import writes them. */
export const tenantArchiveTables: readonly NamedTenantTable[] = Object.entries(tenantSpecs)
  .map(([name, spec]) => ({ name: name as keyof TenantDatabase & string, ...spec }))
  .sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name));

/**
 * What the archive does with each control table: `archived` ones are written by
 * client-archive-writer.ts, limited to the client's rows; the others are named with the reason
 * they stay behind. A Record, so a new control table cannot be forgotten without a typecheck
 * failure.
 */
export const controlTableHandling: { [T in keyof ControlDatabase]: 'archived' | { left: string } } =
  {
    clients: 'archived',
    runs: 'archived',
    run_records: 'archived',
    run_failures: 'archived',
    run_external_runs: 'archived',
    webhook_deliveries: 'archived',
    access_tokens: { left: 'secrets of this installation: a restored client gets new tokens' },
    portal_sessions: { left: 'sign-ins of access tokens, which are not carried' },
  };

/** Control tables in the order the archive holds them and an import writes them. */
export const controlArchiveTables = [
  'clients',
  'runs',
  'run_records',
  'run_failures',
  'run_external_runs',
  'webhook_deliveries',
] as const satisfies readonly (keyof ControlDatabase)[];

export type ControlArchiveTable = (typeof controlArchiveTables)[number];

/** Tables of the stores' own bookkeeping, never carried: the target migrates itself. */
export const bookkeepingTables = ['leadbase_migrations'];
