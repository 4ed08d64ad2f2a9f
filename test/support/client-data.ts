import type { Insertable, Kysely } from 'kysely';
import { tenantArchiveTables } from '../../src/clients/client-archive-tables.ts';
import type { ControlDatabase } from '../../src/db/control-schema.ts';
import type { TenantStore } from '../../src/db/tenancy.ts';
import type { TenantDatabase } from '../../src/db/tenant-schema.ts';
import { leadRow } from './lead-rows.ts';

// Values that break careless copies: a 19-digit post ID, text beyond the BMP, line and paragraph
// separators, quotes and backslashes, JSON in text columns, nulls, fractional scores; keys far
// above those a store assigns itself, so the rows fit beside real ones.
const lead1 = 'lead-0001';
const lead2 = 'lead-0002';
const postId = '7251234567890123456';
const awkward = 'Zoë 🚀 Ünïcødé\u2028line\u2029para\ttab "quoted" \\ back';
const at = '2025-09-01T10:00:00.000Z';

/** Rows for every tenant table: a Record, so a new table needs rows here to typecheck. */
const tenantRows: { [T in keyof TenantDatabase]: Insertable<TenantDatabase[T]>[] } = {
  leads: [
    leadRow({ id: lead1, full_name: awkward, score: 87.35, extra: '{"a":[1,"2",null]}' }),
    leadRow({ id: lead2, full_name: null, member_distance: 2, do_not_contact: 1 }),
  ],
  lead_identities: [
    { key: 'in:zoë-🚀', lead_id: lead1, kind: 'slug', created_at: at },
    { key: 'mid:ACwAAB123', lead_id: lead2, kind: 'member', created_at: at },
  ],
  lead_events: [
    {
      id: 100007,
      lead_id: lead1,
      type: 'note_added',
      source: null,
      detail: '{"noteId":100041}',
      created_at: at,
    },
  ],
  notes: [{ id: 100041, lead_id: lead1, body: awkward, author: null, created_at: at }],
  lead_scores: [
    {
      id: 100003,
      lead_id: lead1,
      run_id: 'run-1',
      rubric_version: 2,
      scorer: 'signals',
      score: 87.35,
      status: 'scored',
      detail: '{"points":{"fit":12.5}}',
      created_at: at,
    },
  ],
  rubric_versions: [{ version: 2, rubric: '{"attributes":[]}', note: awkward, created_at: at }],
  settings: [{ key: 'fixture.note', value: JSON.stringify(awkward) }],
  imports: [
    {
      id: 100005,
      file_name: 'Connections.csv',
      format: 'connections',
      file_hash: 'ab',
      counts: '{}',
      created_at: at,
    },
  ],
  posts: [
    {
      id: postId,
      author_key: 'in:zoë-🚀',
      author_member_key: null,
      author_name: awkward,
      is_repost: 0,
      original_author_key: null,
      original_author_name: null,
      original_post_id: null,
      text: awkward,
      original_text: null,
      url: `https://www.linkedin.com/feed/update/urn:li:activity:${postId}/`,
      posted_at: at,
      posted_at_basis: 'exact',
      likes: 12,
      comments: null,
      reposts: 0,
      source: 'apify',
      score: 66.67,
      score_status: 'scored',
      score_detail: '{}',
      scored_at: at,
      scored_rubric_version: 1,
      scorer: 'signals',
      actioned_at: null,
      first_seen_at: at,
      updated_at: at,
    },
  ],
  post_rubric_versions: [{ version: 1, rubric: '{"attributes":[]}', note: null, created_at: at }],
  lead_post_state: [
    {
      lead_id: lead1,
      checked_at: at,
      check_result: 'posts',
      post_relevance: 66.67,
      best_post_id: postId,
      actioned_at: null,
      updated_at: at,
    },
  ],
  post_harvests: [
    {
      id: 100009,
      run_id: 'run-1',
      external_run_id: 'apify-run-1',
      dataset_id: 'ds-1',
      status: 'succeeded',
      client_day: '2025-09-01',
      profiles: 2,
      items: 3,
      posts: 1,
      new_posts: 1,
      code: null,
      message: null,
      started_at: at,
      finished_at: at,
    },
  ],
};

/** Fills every tenant table of a client's store with rows that are hard to copy exactly. */
export async function fillEveryTenantTable(store: TenantStore): Promise<void> {
  const db = store.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  for (const table of tenantArchiveTables) {
    await db.insertInto(table.name).values(tenantRows[table.name]).execute();
  }
}

/** Extra leads, to make the archive span several pages and insert batches. */
export async function addPlainLeads(store: TenantStore, count: number): Promise<void> {
  for (let start = 0; start < count; start += 200) {
    const rows = [];
    for (let i = start; i < Math.min(count, start + 200); i += 1) {
      rows.push(leadRow({ id: `bulk-${String(i).padStart(6, '0')}`, full_name: `Lead ${i}` }));
    }
    await store.db.insertInto('leads').values(rows).execute();
  }
}

/**
 * Ledger rows for `clientId` and for `otherId` in one run: records, failures naming leads, an
 * external run, and inbox deliveries (one a re-delivery of the other).
 */
export async function fillLedger(
  control: Kysely<ControlDatabase>,
  clientId: string,
  otherId: string,
): Promise<void> {
  await control
    .insertInto('runs')
    .values({
      id: 'run-1',
      idempotency_key: null,
      trigger: 'cli',
      request: '{}',
      status: 'succeeded',
      created_at: at,
      finished_at: at,
    })
    .execute();
  for (const [client, operation] of [
    [otherId, 'score-leads'],
    [clientId, 'score-leads'],
    [clientId, 'harvest-posts'],
  ] as const) {
    const record = await control
      .insertInto('run_records')
      .values({
        run_id: 'run-1',
        client_id: client,
        operation,
        status: 'succeeded',
        lease_owner: null,
        lease_expires_at: null,
        queued_at: at,
        started_at: at,
        finished_at: at,
        examined: 10,
        succeeded: 9,
        failed: 1,
        cost: 0.0125,
        error_code: null,
        error_message: null,
        detail: '{"note":"fine"}',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await control
      .insertInto('run_failures')
      .values({
        record_id: record.id,
        item_id: lead1,
        code: 'score_invalid',
        message: `lead ${lead1}: bad`,
        first_at: at,
        last_at: at,
        resolved_at: null,
      })
      .execute();
    if (operation === 'harvest-posts') {
      await control
        .insertInto('run_external_runs')
        .values({
          record_id: record.id,
          provider: 'apify',
          external_run_id: `ext-${client}`,
          status: 'SUCCEEDED',
          dataset_id: 'ds-1',
          first_seen_at: at,
          updated_at: at,
        })
        .execute();
    }
  }
  const delivery = {
    client_id: clientId,
    source: 'linkedhelper',
    body: `{"name":"${awkward}"}`,
    body_sha256: 'f00',
    headers: '{}',
    received_at: at,
    status: 'processed',
    processing_started_at: at,
    processed_at: at,
    result: '{}',
    error_code: null,
    error_message: null,
  };
  const original = await control
    .insertInto('webhook_deliveries')
    .values({ ...delivery, duplicate_of: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await control
    .insertInto('webhook_deliveries')
    .values({ ...delivery, duplicate_of: original.id, status: 'duplicate' })
    .execute();
}

/** Every row of every tenant table, in key order: two stores hold the same data when equal. */
export async function tenantDump(store: TenantStore): Promise<Record<string, unknown[]>> {
  const db = store.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const dump: Record<string, unknown[]> = {};
  for (const table of tenantArchiveTables) {
    dump[table.name] = await db.selectFrom(table.name).selectAll().orderBy(table.key).execute();
  }
  return dump;
}

/** A client's control rows without the keys a store assigns, references spelled out instead. */
export async function controlDump(control: Kysely<ControlDatabase>, clientId: string) {
  const client = await control
    .selectFrom('clients')
    .selectAll()
    .where('id', '=', clientId)
    .execute();
  const records = await control
    .selectFrom('run_records')
    .selectAll()
    .where('client_id', '=', clientId)
    .orderBy('operation')
    .execute();
  const failures = await control
    .selectFrom('run_failures')
    .innerJoin('run_records', 'run_records.id', 'run_failures.record_id')
    .select(['run_records.operation', 'item_id', 'code', 'message', 'run_failures.attempts'])
    .where('client_id', '=', clientId)
    .orderBy('operation')
    .execute();
  const deliveries = await control
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('client_id', '=', clientId)
    .orderBy('id')
    .execute();
  return {
    client: client.map(({ id: _id, ...row }) => row),
    records: records.map(({ id: _id, client_id: _c, ...row }) => row),
    failures,
    deliveries: deliveries.map(({ id: _id, duplicate_of, client_id: _c, ...row }) => ({
      ...row,
      duplicate: duplicate_of !== null,
    })),
  };
}
