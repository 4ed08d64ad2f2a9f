// Test support for the scoring tests: leads written straight into a store, rubrics, and a
// progress reporter that records what it is told. Not used by the application.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TenantStore } from '../db/tenancy.ts';
import type { LeadRow } from '../db/tenant-schema.ts';
import { blankLeadRow } from '../leads/blank-lead-row.ts';
import type { OperationProgress } from '../runs/operation.ts';
import { parseRubric, type Rubric } from './rubric.ts';

const repoRoot = resolve(import.meta.dirname, '../..');

export type LeadInput = Partial<LeadRow> & { id: string };

let created = 0;

export function leadRow(input: LeadInput): LeadRow {
  created += 1;
  // Distinct creation times keep "oldest first" deterministic.
  const at = new Date(Date.UTC(2025, 0, 1) + created * 1000).toISOString();
  return { ...blankLeadRow(input.id, at), ...input };
}

export async function insertLeads(store: TenantStore, inputs: LeadInput[]): Promise<void> {
  if (inputs.length === 0) return;
  await store.db.insertInto('leads').values(inputs.map(leadRow)).execute();
}

export function loadExampleRubric(fileName: string): Rubric {
  const path = resolve(repoRoot, 'examples/rubrics', fileName);
  return parseRubric(JSON.parse(readFileSync(path, 'utf8')), path);
}

export interface RecordedProgress {
  examined: number[];
  succeeded: string[][];
  failed: { itemId: string; code: string; message: string }[];
  skipped: number[];
  usage: { tokens: number; cost: number }[];
}

/** An `OperationProgress` that keeps every call, in order. */
export function recordingProgress(): { progress: OperationProgress; calls: RecordedProgress } {
  const calls: RecordedProgress = {
    examined: [],
    succeeded: [],
    failed: [],
    skipped: [],
    usage: [],
  };
  const progress: OperationProgress = {
    async examined(count) {
      calls.examined.push(count);
    },
    async succeeded(itemIds) {
      calls.succeeded.push([...itemIds]);
    },
    async failed(itemId, code, message) {
      calls.failed.push({ itemId, code, message });
    },
    async skipped(count) {
      calls.skipped.push(count);
    },
    async usage(tokens, cost) {
      calls.usage.push({ tokens, cost });
    },
  };
  return { progress, calls };
}

/** The rubric of the system Leadbase replaces, used for its worked example. */
export const legacyExampleRubric: Rubric = parseRubric(
  {
    name: 'Legacy example',
    attributes: [
      positive('A', 15),
      positive('B', 20),
      { ...positive('C', 10), bonus: true },
      positive('I', 5),
      {
        kind: 'negative',
        id: 'N1',
        label: 'N1',
        penalty: 5,
        instructions: 'Penalty.',
        signals: [{ phrase: 'n1', weight: 5 }],
      },
    ],
  },
  'the legacy example',
);

function positive(id: string, max: number) {
  return {
    kind: 'positive',
    id,
    label: id,
    max,
    instructions: `Points for ${id}.`,
    signals: [{ phrase: id.toLowerCase(), weight: max }],
  };
}
