import type { TenantStore } from '../db/tenancy.ts';

export type HarvestStatus = 'starting' | 'running' | 'succeeded' | 'failed' | 'suspect';

/** What one actor run of the harvest delivered and how it ended. */
export interface HarvestOutcomeFields {
  status: HarvestStatus;
  externalRunId?: string | null;
  datasetId?: string | null;
  items?: number;
  posts?: number;
  newPosts?: number;
  code?: string | null;
  message?: string | null;
  finishedAt?: string | null;
}

/** The client's own log of actor runs: what today's target and batch limit count against. */
export async function startHarvestEntry(
  store: TenantStore,
  entry: { runId: string; clientDay: string; profiles: number; at: string },
): Promise<number> {
  const inserted = await store.db
    .insertInto('post_harvests')
    .values({
      run_id: entry.runId,
      status: 'starting',
      client_day: entry.clientDay,
      profiles: entry.profiles,
      items: 0,
      posts: 0,
      new_posts: 0,
      started_at: entry.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export async function updateHarvestEntry(
  store: TenantStore,
  id: number,
  fields: HarvestOutcomeFields,
): Promise<void> {
  const set = Object.fromEntries(
    Object.entries({
      status: fields.status,
      external_run_id: fields.externalRunId,
      dataset_id: fields.datasetId,
      items: fields.items,
      posts: fields.posts,
      new_posts: fields.newPosts,
      code: fields.code,
      message: fields.message,
      finished_at: fields.finishedAt,
    }).filter(([, value]) => value !== undefined),
  );
  await store.db.updateTable('post_harvests').set(set).where('id', '=', id).execute();
}

/** New posts and actor runs so far on the client's calendar day. */
export async function harvestedOn(
  store: TenantStore,
  clientDay: string,
): Promise<{ newPosts: number; batches: number }> {
  const row = await store.db
    .selectFrom('post_harvests')
    .select((eb) => [
      eb.fn.coalesce(eb.fn.sum<number>('new_posts'), eb.lit(0)).as('new_posts'),
      eb.fn.countAll<number>().as('batches'),
    ])
    .where('client_day', '=', clientDay)
    .executeTakeFirstOrThrow();
  return { newPosts: Number(row.new_posts), batches: Number(row.batches) };
}
