import { sql } from 'kysely';
import type { TenantStore } from '../db/tenancy.ts';

/** The posts one run's harvest brought in for a client, over all its actor runs. */
export interface RunHarvestTotals {
  runId: string;
  profiles: number;
  posts: number;
  newPosts: number;
}

/** Harvest totals of the client's last `limit` runs that harvested, newest first. */
export async function harvestTotalsByRun(
  store: TenantStore,
  limit: number,
): Promise<RunHarvestTotals[]> {
  const rows = await store.db
    .selectFrom('post_harvests')
    .select([
      'run_id',
      sql<number>`sum(profiles)`.as('profiles'),
      sql<number>`sum(posts)`.as('posts'),
      sql<number>`sum(new_posts)`.as('new_posts'),
      sql<string>`max(started_at)`.as('last_started'),
    ])
    .groupBy('run_id')
    .orderBy('last_started', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    runId: row.run_id,
    profiles: Number(row.profiles),
    posts: Number(row.posts),
    newPosts: Number(row.new_posts),
  }));
}
