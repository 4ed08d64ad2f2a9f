import { type LegacyOrigin, legacyOriginOf } from '../runs/legacy-run-origin.ts';
import type { RunDetail } from '../runs/run.ts';

/**
 * Where an imported run came from, client by client: the legacy rows it was made of and what
 * was flagged for a person to check. Nothing for a run Leadbase ran itself.
 */
export function legacyLines(run: RunDetail): string[] {
  const byClient = new Map<string, LegacyOrigin>();
  for (const record of run.records) {
    const legacy = legacyOriginOf(record.detail);
    if (legacy && !byClient.has(record.clientId)) byClient.set(record.clientId, legacy);
  }
  if (byClient.size === 0) return [];

  const first = [...byClient.values()][0]!;
  const lines = ['', `imported from legacy run ${first.run}:`];
  for (const [clientId, legacy] of byClient) {
    const stream = legacy.stream === null ? '' : `, stream ${legacy.stream}`;
    lines.push(
      `  ${clientId}: legacy client ${legacy.clientId}${stream}, records ${legacy.records.join(', ')} (run IDs ${legacy.runIds.join(', ')})`,
    );
    for (const flag of legacy.flags) lines.push(`    flagged: ${flag}`);
  }
  return lines;
}
