import type { Insertable } from 'kysely';
import type { RunRecordRow } from '../db/control-schema.ts';
import { AppError } from '../errors.ts';
import type { LegacyClientRun } from './legacy-run-merge.ts';
import type { LegacyCounter } from './legacy-run-rows.ts';
import { type OperationName, operationNames } from './operation.ts';
import type { Run } from './run.ts';

/** The trigger of every run the legacy import writes: how the ledger marks them as imported. */
export const legacyImportTrigger = 'legacy-import';

/** The ledger's idempotency key of a legacy run: a second import finds the run it made. */
export function legacyRunKey(legacyRun: string): string {
  return `legacy:${legacyRun}`;
}

interface OperationColumns {
  examined: LegacyCounter;
  succeeded?: LegacyCounter;
  tokens?: LegacyCounter;
  cost?: LegacyCounter;
  /** Counts of other items that show the operation ran; kept in the record's detail only. */
  evidence?: LegacyCounter;
}

/** Which legacy columns count which of our operations. */
const operationColumns: Record<OperationName, OperationColumns> = {
  'score-leads': {
    examined: 'profilesExamined',
    succeeded: 'profilesScored',
    tokens: 'profileTokens',
  },
  // Harvesting's items are profiles; the legacy system counted the posts it got, not the
  // profiles that gave some, so no column says how many of the profiles succeeded.
  'harvest-posts': {
    examined: 'profilesSubmittedForHarvest',
    cost: 'apifyCost',
    evidence: 'postsHarvested',
  },
  'score-posts': { examined: 'postsExamined', succeeded: 'postsScored', tokens: 'postTokens' },
};

/**
 * The operations a legacy client run did: those it has a counter for, harvesting when it names
 * an Apify run. A legacy run with no counter at all was a lead-scoring run that counted nothing.
 */
export function legacyOperations(clientRun: LegacyClientRun): OperationName[] {
  const done = operationNames.filter((operation) => {
    const columns: LegacyCounter[] = Object.values(operationColumns[operation]);
    if (columns.some((column) => clientRun.counters[column] !== undefined)) return true;
    return operation === 'harvest-posts' && clientRun.apifyRunId !== null;
  });
  return done.length > 0 ? done : ['score-leads'];
}

/** Where the record came from, kept in its detail for whoever reads it later. */
function legacyDetail(clientRun: LegacyClientRun): string {
  return JSON.stringify({
    importedFrom: 'legacy',
    legacy: {
      run: clientRun.run,
      clientId: clientRun.clientId,
      clientName: clientRun.clientName,
      stream: clientRun.stream,
      runIds: [...new Set(clientRun.rows.map((row) => row.runId))],
      spellings: clientRun.spellings,
      records: clientRun.rows.map((row) => row.record),
      lines: clientRun.rows.map((row) => row.line),
      apifyRunId: clientRun.apifyRunId,
      counters: clientRun.counters,
      flags: clientRun.flags,
    },
  });
}

/** The ledger records of one legacy client run: one per operation it did, all finished. */
export function legacyRecordRows(
  clientRun: LegacyClientRun,
  runId: string,
  clientId: string,
): Insertable<RunRecordRow>[] {
  const detail = legacyDetail(clientRun);
  return legacyOperations(clientRun).map((operation) => {
    const columns = operationColumns[operation];
    const count = (column: LegacyCounter | undefined) =>
      column === undefined ? 0 : (clientRun.counters[column] ?? 0);
    return {
      run_id: runId,
      client_id: clientId,
      operation,
      status: clientRun.status,
      lease_owner: null,
      lease_expires_at: null,
      attempts: 1,
      queued_at: clientRun.started,
      started_at: clientRun.started,
      finished_at: clientRun.finished,
      examined: count(columns.examined),
      succeeded: count(columns.succeeded),
      tokens: count(columns.tokens),
      cost: count(columns.cost),
      error_code: clientRun.error?.code ?? null,
      error_message: clientRun.error?.message ?? null,
      detail,
    };
  });
}

/**
 * Imported history is not work to do again: a retry would do today's work under a legacy run
 * and add it to counters the legacy system wrote.
 */
export function refuseLegacyRetry(run: Pick<Run, 'id' | 'trigger' | 'idempotencyKey'>): void {
  if (run.trigger !== legacyImportTrigger) return;
  throw new AppError(
    'conflict',
    `run ${run.id} was imported from the legacy system (${run.idempotencyKey ?? 'no key'}): its records are history and are not retried; start a new run with \`leadbase run\``,
  );
}
