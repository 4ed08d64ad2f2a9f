import type { Client } from '../../src/clients/client.ts';
import type { TenantAccess, TenantStore } from '../../src/db/tenancy.ts';
import type { PostInput } from '../../src/posts/post-input.ts';
import type {
  ExternalRunRef,
  Operation,
  OperationOutcome,
  OperationProgress,
} from '../../src/runs/operation.ts';
import type { TestWorld } from './stores.ts';

export interface TestLead {
  id: string;
  keys: string[];
  score?: number | null;
  scoreStatus?: string;
  createdAt?: string;
  profileUrl?: string | null;
  doNotContact?: boolean;
  fullName?: string;
}

/** Writes leads and their identities straight into a client's store. */
export async function insertLeads(store: TenantStore, leads: TestLead[]): Promise<void> {
  for (const lead of leads) {
    const createdAt = lead.createdAt ?? '2025-09-01T00:00:00.000Z';
    await store.db
      .insertInto('leads')
      .values({
        id: lead.id,
        full_name: lead.fullName ?? lead.id,
        profile_url: lead.profileUrl ?? null,
        connection_status: 'unknown',
        status: 'new',
        tags: '[]',
        do_not_contact: lead.doNotContact ? 1 : 0,
        extra: '{}',
        sources: '[]',
        manual_fields: '[]',
        version: 1,
        score: lead.score ?? null,
        score_status: lead.scoreStatus ?? (lead.score === undefined ? 'pending' : 'scored'),
        created_at: createdAt,
        updated_at: createdAt,
      })
      .execute();
    for (const key of lead.keys) {
      await store.db
        .insertInto('lead_identities')
        .values({ key, lead_id: lead.id, kind: key.split(':')[0]!, created_at: createdAt })
        .execute();
    }
  }
}

let counter = 0;

/** A post input with invented defaults; the ID's top bits encode `postedAt`. */
export function postInput(overrides: Partial<PostInput> = {}): PostInput {
  counter += 1;
  const postedAt = overrides.postedAt ?? '2025-09-01T10:00:00.000Z';
  const id = ((BigInt(Date.parse(postedAt)) << 22n) + BigInt(counter)).toString();
  return {
    record: counter,
    id,
    authorKey: 'in:ada-moreau',
    authorMemberKey: null,
    authorName: 'Ada Moreau',
    isRepost: false,
    originalAuthorKey: null,
    originalAuthorName: null,
    originalPostId: null,
    text: 'A post',
    originalText: null,
    url: `https://www.linkedin.com/feed/update/urn:li:activity:${id}/`,
    postedAt,
    postedAtBasis: 'activity_id',
    likes: 1,
    comments: 0,
    reposts: 0,
    source: 'apify',
    ...overrides,
  };
}

export interface RecordedProgress {
  examined: number;
  succeeded: string[];
  failed: { itemId: string; code: string; message: string }[];
  skipped: number;
  externalRuns: ExternalRunRef[];
}

/** A progress reporter that remembers every call, external runs included. */
export function recordingProgress(): { progress: OperationProgress; calls: RecordedProgress } {
  const calls: RecordedProgress = {
    examined: 0,
    succeeded: [],
    failed: [],
    skipped: 0,
    externalRuns: [],
  };
  const progress: OperationProgress = {
    async examined(count) {
      calls.examined += count;
    },
    async succeeded(itemIds) {
      calls.succeeded.push(...itemIds);
    },
    async failed(itemId, code, message) {
      calls.failed.push({ itemId, code, message });
    },
    async skipped(count) {
      calls.skipped += count;
    },
    async usage() {},
    async externalRun(ref) {
      calls.externalRuns.push(ref);
    },
  };
  return { progress, calls };
}

/** Runs an operation for one client of a test world, with a recording progress. */
export async function runOperation(
  world: TestWorld,
  added: { client: Client; access: TenantAccess },
  operation: Operation,
  runId = 'run_test',
): Promise<{ outcome: OperationOutcome; calls: RecordedProgress }> {
  const { progress, calls } = recordingProgress();
  const client = await world.clients.get(added.client.id);
  const outcome = await world.stores.withTenant(added.access, (store) =>
    operation.run({ runId, client, store, progress, signal: new AbortController().signal }),
  );
  return { outcome, calls };
}

/** A post rubric for a freight-software seller: what makes a post a good opener. */
export const freightPostRubric = {
  name: 'Freight openers',
  criteria: [
    {
      id: 'P1',
      label: 'Freight costs',
      kind: 'positive',
      points: 40,
      keywords: ['freight', 'landed cost', 'carrier', 'Frachtkosten'],
      examples: ['Short thread on landed cost and freight'],
    },
    {
      id: 'P2',
      label: 'Supplier contracts',
      kind: 'positive',
      points: 30,
      keywords: ['supplier contract', 'tender', 'dual sourcing'],
    },
    {
      id: 'P3',
      label: 'Asks the network',
      kind: 'positive',
      points: 30,
      keywords: ['poll', 'what do you think', '物流'],
    },
    {
      id: 'N1',
      label: 'Job advert',
      kind: 'negative',
      points: 50,
      keywords: ["we're hiring", 'apply via'],
    },
  ],
};
