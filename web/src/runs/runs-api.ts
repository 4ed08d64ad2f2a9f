import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { RunHarvestTotals } from '../../../src/posts/harvest-totals.ts';
import type { LegacyOrigin } from '../../../src/runs/legacy-run-origin.ts';
import { api } from '../api/client.ts';
import { clientKey, useClientQuery, useCurrentClient } from '../api/current-client.tsx';

export const operationNames = ['score-leads', 'harvest-posts', 'score-posts'] as const;
export type OperationName = (typeof operationNames)[number];

export type RecordStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';

export interface RunFailure {
  itemId: string;
  code: string;
  message: string;
  attempts: number;
  resolved: boolean;
}

/** One (run, client, operation) record, as src/http/routes/client-run-view.ts answers it. */
export interface RunRecord {
  id: number;
  operation: OperationName;
  status: RecordStatus;
  attempts: number;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  examined: number;
  succeeded: number;
  failed: number;
  skipped: number;
  tokens: number;
  cost: number;
  errorCode: string | null;
  errorMessage: string | null;
  failures: RunFailure[];
}

/** Where a run imported from the legacy system came from: the server's own type, so the two cannot drift. */
export type { LegacyOrigin };

export interface ClientRun {
  id: string;
  status: RecordStatus | 'partially_failed';
  trigger: string;
  idempotencyKey: string | null;
  createdAt: string;
  finishedAt: string | null;
  operations: OperationName[];
  /** Null for a run Leadbase ran itself. */
  legacy: LegacyOrigin | null;
  records: RunRecord[];
}

export const historyLimit = 50;
/** How often the list is read again while a run is queued or running. */
const pollMs = 1500;

export const isActive = (run: ClientRun) => run.status === 'queued' || run.status === 'running';

/** The client's last runs, newest first; polled while any of them is still going. */
export function useRuns() {
  return useClientQuery<{ runs: ClientRun[] }>(
    ['runs', historyLimit],
    `/runs?limit=${historyLimit}`,
    {
      refetchInterval: (query) => (query.state.data?.runs.some(isActive) ? pollMs : false),
    },
  );
}

/** GET /api/posts/harvests: what each run's harvest brought in, as the server types it. */
export type { RunHarvestTotals };

/** Posts harvested per run, polled with the runs while one of them is going. */
export function useHarvestTotals(polling: boolean) {
  return useClientQuery<{ runs: RunHarvestTotals[] }>(
    ['runs', 'harvests', historyLimit],
    `/posts/harvests?limit=${historyLimit}`,
    { refetchInterval: polling ? pollMs : false },
  );
}

/** Starts a run of the chosen operations; one click is one run (its own idempotency key). */
export function useStartRun() {
  const client = useCurrentClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (operations: OperationName[]) =>
      api<ClientRun>('/runs', {
        method: 'POST',
        headers: { 'idempotency-key': crypto.randomUUID() },
        body: { operations },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: clientKey(client.id, 'runs') }),
  });
}

/** A run's records of one operation, summed. */
export function totalOf(run: ClientRun, operation: OperationName, field: 'succeeded' | 'examined') {
  return run.records
    .filter((record) => record.operation === operation)
    .reduce((sum, record) => sum + record[field], 0);
}

export const tokensOf = (run: ClientRun) =>
  run.records.reduce((sum, record) => sum + record.tokens, 0);
