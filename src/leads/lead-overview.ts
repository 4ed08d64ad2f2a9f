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

/** 1 for each row where `condition` holds, summed: several counts from one pass. */
const countWhere = (condition: ReturnType<typeof sql>) =>
  sql<number>`coalesce(sum(case when ${condition} then 1 else 0 end), 0)`;

/** A lead's band of ten points (0–9, 100 in the last), read off the score index alone. */
const scoreBand = sql<number>`case ${sql.join(
  Array.from({ length: bandCount - 1 }, (_, index) => {
    const band = bandCount - 1 - index;
    return sql`when score >= ${sql.lit(band * bandCount)} then ${sql.lit(band)}`;
  }),
  sql` `,
)} else 0 end`;

async function statusCounts(db: TenantDb): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('leads')
    .select(['score_status', (eb) => eb.fn.countAll<number>().as('leads')])
    .groupBy('score_status')
    .execute();
  return new Map(rows.map((row) => [row.score_status, Number(row.leads)]));
}

async function bandCounts(db: TenantDb): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('leads')
    .select([scoreBand.as('band'), (eb) => eb.fn.countAll<number>().as('leads')])
    .where('score', 'is not', null)
    .groupBy(scoreBand)
    .execute();
  return new Map(rows.map((row) => [Number(row.band), Number(row.leads)]));
}

// TODO(overview speed): staged, invited and connected take a scan of the leads, and the
// candidates a row read per lead above the threshold: most of the overview's time at 100,000
// leads (bench/portal.ts). Partial indexes on staged_at, invited_on and connection_status would
// make them index reads – when imports can afford the extra index writes.
async function pipelineCounts(db: TenantDb) {
  const row = await db
    .selectFrom('leads')
    .select([
      countWhere(sql`staged_at is not null and invited_on is null`).as('staged'),
      countWhere(sql`invited_on is not null`).as('invited'),
      countWhere(sql`connection_status = 'connected'`).as('connected'),
    ])
    .executeTakeFirstOrThrow();
  return {
    staged: Number(row.staged),
    invited: Number(row.invited),
    connected: Number(row.connected),
  };
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

  const statuses = await statusCounts(store.db);
  const bands = await bandCounts(store.db);
  const pipeline = await pipelineCounts(store.db);
  const candidateCount = await candidates(store.db, options.threshold)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  const perDay = await scoredPerDay(store.db, since);

  return {
    leads: [...statuses.values()].reduce((sum, count) => sum + count, 0),
    scoreStatus: Object.fromEntries(
      scoreStatuses.map((status) => [status, statuses.get(status) ?? 0]),
    ) as Record<ScoreStatus, number>,
    scoreBands: Array.from({ length: bandCount }, (_, band) => ({
      from: band * bandCount,
      to: (band + 1) * bandCount,
      leads: bands.get(band) ?? 0,
    })),
    threshold: options.threshold,
    pipeline: { candidates: Number(candidateCount.count), ...pipeline },
    scoredPerDay: perDay,
  };
}
