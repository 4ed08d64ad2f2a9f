import { Cron } from 'croner';
import type { OperationName } from '../runs/operation.ts';

/** One configured schedule: which operations, for which clients, at which cron slots. */
export interface Schedule {
  /** Names the schedule in its runs' idempotency keys: `schedule:<name>:<slot>`. */
  name: string;
  /** Five fields (minute first) or six (second first), read in `timeZone`. */
  cron: string;
  /** The IANA time zone the cron fields are read in. */
  timeZone: string;
  operations: OperationName[];
  /** Only these clients; every client when neither this nor `stream` is given. */
  clientIds?: string[];
  /** Only the clients of this processing stream. */
  stream?: string;
}

/** The cron of a schedule, only ever asked for times (never started as a timer of its own). */
export function scheduleCron(schedule: Pick<Schedule, 'cron' | 'timeZone'>): Cron {
  return new Cron(schedule.cron, { timezone: schedule.timeZone, paused: true });
}

/** The first slot of the schedule strictly after `after`; undefined when there is none. */
export function nextSlot(schedule: Schedule, after: Date): Date | undefined {
  return scheduleCron(schedule).nextRun(after) ?? undefined;
}

/**
 * The idempotency key of one firing: every scheduler process that fires the same slot of the
 * same schedule asks for the same run, and the ledger creates it once.
 */
export function slotKey(schedule: Schedule, slot: Date): string {
  return `schedule:${schedule.name}:${slot.toISOString()}`;
}
