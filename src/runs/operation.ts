import type { Client } from '../clients/client.ts';
import type { TenantStore } from '../db/tenancy.ts';

export const operationNames = ['score-leads', 'harvest-posts', 'score-posts'] as const;
export type OperationName = (typeof operationNames)[number];

/**
 * What an operation reports while it works. Each call is an atomic increment of the client
 * record's counters in the ledger, made as the work happens, so nothing is lost on a crash.
 */
export interface OperationProgress {
  examined(count: number): Promise<void>;
  succeeded(itemIds: string[]): Promise<void>;
  failed(itemId: string, code: string, message: string): Promise<void>;
  skipped(count: number): Promise<void>;
  usage(tokens: number, cost: number): Promise<void>;
  /**
   * Records a run an outside provider started for this record (an Apify actor run), in the
   * ledger's own table for them: an outside ID is never one of our run IDs. Optional so that
   * progress reporters written before it keep compiling; operations call it with `?.`.
   */
  externalRun?(ref: ExternalRunRef): Promise<void>;
  /**
   * Brings the record's counters up to the work earlier attempts at it committed, of which a
   * crash between a write and its report may have left some uncounted: succeeded and failed rise
   * to at least these totals (examined by as much as they rise), and the item failures of the
   * settled items are resolved, in one write. Optional like `externalRun`.
   */
  reconcile?(done: { settledIds: string[]; failed: number }): Promise<void>;
  /**
   * One batch's report in one write: what was examined, succeeded, failed and skipped counts
   * together or not at all, so that a crash never leaves a batch half-counted (which a later
   * attempt's `reconcile` could not tell apart). Optional like `externalRun`.
   */
  batch?(report: BatchReport): Promise<void>;
}

/** What one batch of an operation did, reported at once. */
export interface BatchReport {
  examined: number;
  succeededIds: string[];
  failures: { itemId: string; code: string; message: string }[];
  skipped: number;
}

/** A run an outside provider started on our behalf, as the provider names it. */
export interface ExternalRunRef {
  provider: 'apify';
  externalRunId: string;
  /** The provider's status when last seen (Apify: READY, RUNNING, SUCCEEDED, FAILED, …). */
  status: string;
  datasetId: string | null;
}

export interface OperationContext {
  runId: string;
  client: Client;
  store: TenantStore;
  progress: OperationProgress;
  /** Aborted when the run is cancelled or the lease is lost. */
  signal: AbortSignal;
  /** Which attempt at the record this is, 1 for the first: a later one may find earlier work. */
  attempt?: number;
}

export type OperationOutcome =
  | { status: 'succeeded' }
  /** Nothing to do, for a stated reason (no leads, service level without posts, …). */
  | { status: 'skipped'; code: string; message: string }
  /** The whole record failed (corrupt store, missing rubric, provider down, empty result…). */
  | { status: 'failed'; code: string; message: string };

/** One kind of work a run does for one client. */
export interface Operation {
  readonly name: OperationName;
  run(context: OperationContext): Promise<OperationOutcome>;
}
