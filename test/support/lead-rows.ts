import type { LeadRow } from '../../src/db/tenant-schema.ts';
import { blankLeadRow } from '../../src/leads/blank-lead-row.ts';

/** A complete `leads` row for tests that insert leads directly; `seed` sets what matters. */
export function leadRow(seed: Partial<LeadRow> & { id: string }): LeadRow {
  return { ...blankLeadRow(seed.id, '2025-09-01T00:00:00.000Z'), ...seed };
}
