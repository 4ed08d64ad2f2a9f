import { logger } from '../logger.ts';
import type { RunRecord } from './run.ts';
import {
  type Executor,
  type ExecutorDeps,
  executeRecord,
  resolveExecutor,
} from './run-executor.ts';
import type { WorkerSettings } from './worker-settings.ts';
import { WorkerSlot } from './worker-slot.ts';

/**
 * A worker: `concurrency` slots, each claiming the next record of any run from the ledger under
 * a lease, working it, and claiming again; a slot that finds nothing sleeps `pollMs` or until
 * woken. Leases are renewed while the work goes on, so a worker that dies leaves records that
 * another worker takes over once their leases lapse. Which records may be claimed, and that no
 * (client, operation) runs twice at once, is the ledger's claim to decide, in SQL.
 */
export class RunWorker {
  private readonly executor: Executor;
  private readonly shutdown = new AbortController();
  private readonly slots: WorkerSlot[];
  private loops: Promise<void>[] = [];
  private pollSeq = 0;
  private waiters: { after: number; resolve: () => void }[] = [];
  /** Set by `stop`: slots claim nothing more. */
  private closing = false;

  constructor(
    deps: Omit<ExecutorDeps, 'shutdown' | 'leaseMs'>,
    private readonly settings: WorkerSettings,
  ) {
    this.executor = resolveExecutor({
      ...deps,
      leaseMs: settings.leaseMs,
      shutdown: this.shutdown.signal,
    });
    this.slots = Array.from({ length: settings.concurrency }, () => new WorkerSlot());
  }

  /** Who holds this worker's leases. */
  get owner(): string {
    return this.executor.owner;
  }

  get stopping(): boolean {
    return this.closing || this.loops.length === 0;
  }

  start(): void {
    if (this.loops.length > 0) return;
    logger.info(
      { owner: this.owner, concurrency: this.settings.concurrency, leaseMs: this.settings.leaseMs },
      'worker started',
    );
    this.loops = this.slots.map((slot) => this.work(slot));
  }

  /** Ends the sleep of idle slots: new work may have been queued. */
  wake(): void {
    for (const slot of this.slots) slot.wake();
  }

  /**
   * Resolves once every slot has looked for work after this call and found none: what was
   * queued before it is done, or held by another worker. At once when the worker is stopped.
   */
  settled(): Promise<void> {
    if (this.stopping) return Promise.resolve();
    const after = this.pollSeq;
    const done = new Promise<void>((resolve) => this.waiters.push({ after, resolve }));
    this.wake();
    return done;
  }

  /**
   * Stops claiming, lets the records in hand finish for up to `graceMs`, then aborts them: each
   * goes back to the queue, counters kept, for the next worker to resume.
   */
  async stop(graceMs = this.settings.graceMs): Promise<void> {
    if (this.loops.length === 0) return;
    this.closing = true;
    this.wake();
    const stopping = Promise.all(this.loops).then(() => undefined);

    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    await Promise.race([stopping, grace]);
    clearTimeout(timer);
    this.shutdown.abort(new Error('the worker is shutting down'));
    await stopping;

    this.loops = [];
    for (const waiter of this.waiters.splice(0)) waiter.resolve();
    logger.info({ owner: this.owner }, 'worker stopped');
  }

  private async work(slot: WorkerSlot): Promise<void> {
    while (!this.closing) {
      const seq = ++this.pollSeq;
      const record = await this.claim(slot);
      if (record === 'error') continue;
      if (!record) {
        slot.foundNothing(seq);
        this.resolveWaiters();
        await slot.sleep(this.settings.pollMs);
        continue;
      }

      slot.busy();
      try {
        await executeRecord(this.executor, record);
      } catch (error) {
        // The record keeps its lease until it lapses; another worker then resumes it.
        logger.error(
          { err: error, runId: record.runId, clientId: record.clientId, recordId: record.id },
          'run record could not be worked',
        );
        await slot.sleep(this.settings.pollMs);
      }
    }
  }

  private async claim(slot: WorkerSlot): Promise<RunRecord | undefined | 'error'> {
    try {
      return await this.executor.ledger.claimNext(this.owner, this.settings.leaseMs);
    } catch (error) {
      // The control store is unreachable or busy past its timeout: wait, then look again.
      logger.warn({ err: error, owner: this.owner }, 'worker could not claim a record');
      await slot.sleep(this.settings.pollMs);
      return 'error';
    }
  }

  private resolveWaiters(): void {
    const lowest = Math.min(...this.slots.map((slot) => slot.lastEmptyPoll));
    const ready = this.waiters.filter((waiter) => waiter.after < lowest);
    this.waiters = this.waiters.filter((waiter) => waiter.after >= lowest);
    for (const waiter of ready) waiter.resolve();
  }
}
