import type { ExpressionBuilder, Kysely } from 'kysely';
import type { ControlDatabase } from '../db/control-schema.ts';

type RecordFilter = ExpressionBuilder<ControlDatabase, 'run_records'>;

/** Queued, or running under a lease that lapsed (its worker crashed or stalled). */
export function claimable(eb: RecordFilter, now: string) {
  return eb.or([
    eb('run_records.status', '=', 'queued'),
    eb.and([
      eb('run_records.status', '=', 'running'),
      eb('run_records.lease_expires_at', '<', now),
    ]),
  ]);
}

/** What is left of a run's work, as a process about to work on it sees it. */
export interface RunWork {
  /** Records it could claim now: queued, or running under a lease that lapsed. */
  claimable: number;
  /** When the last live lease of another worker on this run's records runs out, or null. */
  heldUntil: string | null;
}

export async function runWork(
  db: Kysely<ControlDatabase>,
  runId: string,
  now: string,
): Promise<RunWork> {
  const row = await db
    .selectFrom('run_records')
    .select((eb) => [
      eb.fn
        .count<number>('run_records.id')
        .filterWhere((filter) => claimable(filter, now))
        .as('claimable'),
      eb.fn
        .max('run_records.lease_expires_at')
        .filterWhere((filter) =>
          filter.and([
            filter('run_records.status', '=', 'running'),
            filter('run_records.lease_expires_at', '>=', now),
          ]),
        )
        .as('held_until'),
    ])
    .where('run_records.run_id', '=', runId)
    .executeTakeFirstOrThrow();
  return { claimable: Number(row.claimable), heldUntil: row.held_until ?? null };
}
