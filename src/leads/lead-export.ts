import { csvCell } from '../csv-cell.ts';
import type { TenantStore } from '../db/tenancy.ts';
import type { Lead } from './lead.ts';
import { searchLeads } from './lead-query.ts';
import type { LeadQuery } from './lead-query-schema.ts';

export type LeadExportFormat = 'csv' | 'json';

/** Leads read per query while exporting: memory stays flat however many leads match. */
const exportPageSize = 500;

const csvColumns: [header: string, value: (lead: Lead) => string | number | null][] = [
  ['id', (lead) => lead.id],
  ['full_name', (lead) => lead.fullName],
  ['first_name', (lead) => lead.firstName],
  ['last_name', (lead) => lead.lastName],
  ['headline', (lead) => lead.headline],
  ['position', (lead) => lead.position],
  ['company', (lead) => lead.company],
  ['location', (lead) => lead.location],
  ['industry', (lead) => lead.industry],
  ['email', (lead) => lead.email],
  ['phone', (lead) => lead.phone],
  ['profile_url', (lead) => lead.profileUrl],
  ['sales_nav_url', (lead) => lead.salesNavUrl],
  ['identities', (lead) => lead.identities.join(' ')],
  ['connected_on', (lead) => lead.connectedOn],
  ['connection_status', (lead) => lead.connectionStatus],
  ['invited_on', (lead) => lead.invitedOn],
  ['status', (lead) => lead.status],
  ['priority', (lead) => lead.priority],
  ['tags', (lead) => lead.tags.join('; ')],
  ['follow_up_on', (lead) => lead.followUpOn],
  ['do_not_contact', (lead) => (lead.doNotContact ? 'yes' : 'no')],
  ['score', (lead) => lead.score],
  ['score_status', (lead) => lead.scoreStatus],
  ['rubric_version', (lead) => lead.scoredRubricVersion],
  ['scored_at', (lead) => lead.scoredAt],
  ['created_at', (lead) => lead.createdAt],
  ['updated_at', (lead) => lead.updatedAt],
];

function csvLine(cells: (string | number | null)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** Every lead that matches `query` (its cursor and limit aside), page by page. */
async function* matchingLeads(store: TenantStore, query: LeadQuery): AsyncGenerator<Lead> {
  let cursor: string | null = null;
  do {
    const page = await searchLeads(store, {
      ...query,
      cursor,
      limit: exportPageSize,
      withTotal: false,
    });
    yield* page.leads;
    cursor = page.nextCursor;
  } while (cursor);
}

/**
 * A query's leads as UTF-8 text chunks: CSV with a header row, or a JSON array of leads.
 * Stream it (`Readable.from`) rather than joining it. `written.leads` counts the leads as they go.
 */
export async function* exportLeads(
  store: TenantStore,
  query: LeadQuery,
  format: LeadExportFormat,
  written: { leads: number } = { leads: 0 },
): AsyncGenerator<string> {
  if (format === 'csv') {
    yield csvLine(csvColumns.map(([header]) => header));
    for await (const lead of matchingLeads(store, query)) {
      yield csvLine(csvColumns.map(([, value]) => value(lead)));
      written.leads += 1;
    }
    return;
  }

  let separator = '\n';
  yield '[';
  for await (const lead of matchingLeads(store, query)) {
    yield `${separator}${JSON.stringify(lead)}`;
    written.leads += 1;
    separator = ',\n';
  }
  yield separator === '\n' ? ']\n' : '\n]\n';
}
