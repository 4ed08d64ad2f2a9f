import { loadConfig } from '../config.ts';
import { AppError } from '../errors.ts';
import type { RunLedger } from '../runs/run-ledger.ts';
import { nextSlot, type Schedule } from '../schedules/schedule.ts';
import { loadSchedules, schedulesPath } from '../schedules/schedule-config.ts';
import { Scheduler } from '../schedules/scheduler.ts';
import type { CliContext } from './context.ts';

/** The configured schedules; none configured is an error saying where they are looked for. */
export function configuredSchedules(ctx: CliContext): { path: string; schedules: Schedule[] } {
  const dataDir = loadConfig(ctx.env).dataDir;
  const path = schedulesPath(ctx.env, dataDir);
  if (path === undefined) {
    throw new AppError(
      'not_found',
      `no schedules configured: set LEADBASE_SCHEDULES to a JSON file, or put schedules.json in ${dataDir}`,
    );
  }
  return { path, schedules: loadSchedules(path) };
}

/** One line per schedule, for people: what it runs, for whom, and its next slot. */
export function scheduleLines(schedules: Schedule[], now = new Date()): string[] {
  return schedules.map((schedule) => {
    const who = schedule.clientIds
      ? `clients ${schedule.clientIds.join(',')}`
      : schedule.stream
        ? `stream ${schedule.stream}`
        : 'every client';
    const next = nextSlot(schedule, now)?.toISOString() ?? 'never';
    return `${schedule.name}: ${schedule.operations.join(',')} for ${who} at "${schedule.cron}" ${schedule.timeZone}; next ${next}`;
  });
}

/** A scheduler over the configured schedules, announced on stderr. */
export function startScheduler(ctx: CliContext, ledger: RunLedger, onRun?: () => void): Scheduler {
  const { path, schedules } = configuredSchedules(ctx);
  const scheduler = new Scheduler({ ledger, schedules, ...(onRun ? { onRun } : {}) });
  ctx.note(`firing ${schedules.length} schedule(s) from ${path}`);
  for (const line of scheduleLines(schedules)) ctx.note(`  ${line}`);
  scheduler.start();
  return scheduler;
}
