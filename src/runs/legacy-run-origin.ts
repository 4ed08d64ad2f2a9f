import { z } from 'zod';

/**
 * Where an imported run's records came from, as the import kept it in each record's detail
 * (src/runs/legacy-run-records.ts): the legacy run and client, the export's record numbers and
 * run-ID spellings, and what was flagged for a person to check.
 */
export interface LegacyOrigin {
  run: string;
  clientId: string;
  stream: string | null;
  runIds: string[];
  records: number[];
  flags: string[];
}

const originSchema = z.object({
  run: z.string(),
  clientId: z.string(),
  stream: z.union([z.string(), z.number()]).nullable().optional(),
  runIds: z.array(z.string()).default([]),
  records: z.array(z.number()).default([]),
  flags: z.array(z.string()).default([]),
});

/** The origin kept in a record's detail; null for a record Leadbase ran itself (or an odd one). */
export function legacyOriginOf(detail: Record<string, unknown>): LegacyOrigin | null {
  if (detail.importedFrom !== 'legacy') return null;
  const parsed = originSchema.safeParse(detail.legacy);
  if (!parsed.success) return null;
  const { stream, ...origin } = parsed.data;
  return { ...origin, stream: stream === undefined || stream === null ? null : String(stream) };
}
