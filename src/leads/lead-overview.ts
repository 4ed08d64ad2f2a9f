import { type Kysely, sql } from 'kysely';
import type { TenantStore } from '../db/tenancy.ts';
import type { TenantDatabase } from '../db/tenant-schema.ts';
import { candidates } from './invitation-batch.ts';
import type { ScoreStatus } from './lead.ts';

/** The client's pipeline at a glance: how scores spread, where leads stand, scoring per day. */
export interface LeadOverview {
  leads: number;
  scoreStatus: Record<ScoreStatus, number>;
  /** Ten bands of ten points over the leads that have a score; the last one includes 100. */
  scoreBands: Array<{ from: number; to: number; leads: number }>;
  /** The client's score threshold, which decides who is an invitation candidate. */
  threshold: number;
  pipeline: { candidates: number; staged: number; invited: number; connected: number };
  /** Leads scored on each UTC day of the last `days` days that saw any scoring, oldest first. */
  scoredPerDay: Array<{ day: string; leads: number }>;
}

type TenantDb = Kysely<TenantDatabase>;

const scoreStatuses: ScoreStatus[] = ['pending', 'scored', 'failed', 'disqualified', 'unqualified'];
const bandCount = 10;
const dayMs = 86_400_000;

/** 1 for each row where `condition` holds, summed: every count comes from one pass. */
const countWhere = (condition: ReturnType<typeof sql>) =>
  sql<number>`coalesce(sum(case when ${condition} then 1 else 0 end), 0)`;

function bandCondition(band: number) {
  const from = band * bandCount;
  return band === bandCount - 1
    ? sql`score >= ${from}`
    : sql`score >= ${from} and score < ${from + bandCount}`;
}

async function leadCounts(db: TenantDb) {
  const row = await db
    .selectFrom('leads')
    .select((eb) => [
      eb.fn.countAll<number>().as('leads'),
      ...scoreStatuses.map((status) => countWhere(sql`score_status = ${status}`).as(status)),
      ...Array.from({ length: bandCount }, (_, band) =>
        countWhere(bandCondition(band)).as(`band${band}`),
      ),
      countWhere(sql`staged_at is not null and invited_on is null`).as('staged'),
      countWhere(sql`invited_on is not null`).as('invited'),
      countWhere(sql`connection_status = 'connected'`).as('connected'),
    ])
    .executeTakeFirstOrThrow();
  return row as unknown as Record<string, number | string>;
}

async function scoredPerDay(db: TenantDb, since: string) {
  const day = sql<string>`substr(created_at, 1, 10)`;
  const rows = await db
    .selectFrom('lead_scores')
    .select([day.as('day'), sql<number>`count(distinct lead_id)`.as('leads')])
    .where('created_at', '>=', since)
    .where('status', '!=', 'failed')
    .groupBy(day)
    .orderBy(day)
    .execute();
  return rows.map((row) => ({ day: row.day, leads: Number(row.leads) }));
}

/** Counts a client's leads for the overview; each figure is aggregated by the database. */
export async function leadOverview(
  store: TenantStore,
  options: { threshold: number; days?: number; now?: Date },
): Promise<LeadOverview> {
  const now = options.now ?? new Date();
  const since = new Date(now.getTime() - ((options.days ?? 30) - 1) * dayMs)
    .toISOString()
    .slice(0, 10);

  const counts = await leadCounts(store.db);
  const candidateCount = await candidates(store.db, options.threshold)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  const perDay = await scoredPerDay(store.db, since);

  const count = (name: string) => Number(counts[name] ?? 0);
  return {
    leads: count('leads'),
    scoreStatus: Object.fromEntries(
      scoreStatuses.map((status) => [status, count(status)]),
    ) as Record<ScoreStatus, number>,
    scoreBands: Array.from({ length: bandCount }, (_, band) => ({
      from: band * bandCount,
      to: (band + 1) * bandCount,
      leads: count(`band${band}`),
    })),
    threshold: options.threshold,
    pipeline: {
      candidates: Number(candidateCount.count),
      staged: count('staged'),
      invited: count('invited'),
      connected: count('connected'),
    },
    scoredPerDay: perDay,
  };
}
