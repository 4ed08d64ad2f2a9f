import { logger } from '../logger.ts';
import type { RunDetail } from '../runs/run.ts';
import type { RunLedger } from '../runs/run-ledger.ts';
import { nextSlot, type Schedule, slotKey } from './schedule.ts';

/** Node's timers hold at most about 24.8 days; a later slot is waited for in steps. */
const longestTimerMs = 2 ** 31 - 1;

export interface SchedulerDeps {
  ledger: RunLedger;
  schedules: Schedule[];
  /** Told of each firing's run, new or already created by another scheduler (wakes a worker). */
  onRun?: (run: RunDetail, created: boolean) => void;
}

/**
 * Fires each schedule at its cron slots by creating a run keyed by the slot. Any number of
 * scheduler processes may fire the same slot: the idempotency key makes it one run. A slot that
 * passes while no scheduler is up is not fired afterwards.
 * TODO(missed slots): fire the latest slot missed within a catch-up window on start – when a
 * deployment restarts schedulers across a slot and cannot wait for the next one.
 */
export class Scheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly firing = new Set<Promise<unknown>>();
  private stopped = true;

  constructor(private readonly deps: SchedulerDeps) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const now = new Date();
    for (const schedule of this.deps.schedules) this.arm(schedule, now);
    logger.info({ schedules: this.deps.schedules.map((s) => s.name) }, 'scheduler started');
  }

  /** Stops firing; resolves once the firings under way have written their runs. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.firing]);
  }

  /** Creates the run of one slot, or finds the one another scheduler created for it. */
  async fire(schedule: Schedule, slot: Date): Promise<{ run: RunDetail; created: boolean }> {
    const { run, created } = await this.deps.ledger.createRun({
      operations: schedule.operations,
      trigger: 'schedule',
      idempotencyKey: slotKey(schedule, slot),
      ...(schedule.clientIds === undefined ? {} : { clientIds: schedule.clientIds }),
      ...(schedule.stream === undefined ? {} : { stream: schedule.stream }),
    });
    logger.info(
      { schedule: schedule.name, slot: slot.toISOString(), runId: run.id, created },
      created ? 'scheduled run created' : 'scheduled run already created',
    );
    this.deps.onRun?.(run, created);
    return { run, created };
  }

  private arm(schedule: Schedule, after: Date): void {
    const slot = nextSlot(schedule, after);
    if (this.stopped || slot === undefined) return;
    const wait = Math.min(Math.max(slot.getTime() - Date.now(), 0), longestTimerMs);
    const timer = setTimeout(() => this.due(schedule, slot, after), wait);
    this.timers.set(schedule.name, timer);
  }

  private due(schedule: Schedule, slot: Date, after: Date): void {
    // A timer may wake a little early, or part-way through a long wait.
    if (Date.now() < slot.getTime()) {
      this.arm(schedule, after);
      return;
    }
    const firing = this.fire(schedule, slot).catch((error: unknown) => {
      logger.error(
        { err: error, schedule: schedule.name, slot: slot.toISOString() },
        'scheduled run could not be created',
      );
    });
    this.firing.add(firing);
    void firing.finally(() => this.firing.delete(firing));
    this.arm(schedule, slot);
  }
}
