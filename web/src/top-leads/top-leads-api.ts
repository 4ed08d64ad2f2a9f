import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, apiFetch } from '../api/client.ts';
import { clientKey, useClientQuery, useCurrentClient } from '../api/current-client.tsx';

/** The fields of the API's Lead that the invitation batch shows. */
export interface BatchLead {
  id: string;
  fullName: string | null;
  headline: string | null;
  company: string | null;
  position: string | null;
  score: number | null;
  scoredAt: string | null;
  profileChangedAt: string | null;
  stagedAt: string | null;
}

export interface BatchPreview {
  threshold: number;
  total: number;
  leads: BatchLead[];
  /** Leads held back until scored again: their profile changed after the score. */
  outOfDate: { total: number; leads: BatchLead[] };
}

export interface StagedLeads {
  leads: BatchLead[];
  /** Staged leads whose profile changed after their score. */
  outOfDate: number;
}

/** How many candidates the preview lists (the API counts them all). */
export const previewLimit = 50;

const topLeadsKey = 'top-leads';

/** The candidates at `threshold` (the client's own threshold when null). */
export function useBatchPreview(threshold: number | null) {
  const query = new URLSearchParams({ limit: String(previewLimit) });
  if (threshold !== null) query.set('threshold', String(threshold));
  return useClientQuery<BatchPreview>([topLeadsKey, 'preview', threshold], `/top-leads?${query}`);
}

export function useStagedBatch() {
  return useClientQuery<StagedLeads>([topLeadsKey, 'staged'], '/top-leads/staged');
}

/** A write to the batch; afterwards every top-leads view of the client is read again. */
function useBatchMutation<Input, Output>(write: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  const client = useCurrentClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: clientKey(client.id, topLeadsKey) }),
  });
}

export function useStageBatch() {
  return useBatchMutation((input: { size: number; threshold: number }) =>
    api<{ staged: BatchLead[]; batchSize: number }>('/top-leads/stage', {
      method: 'POST',
      body: input,
    }),
  );
}

export function useFinalizeBatch() {
  return useBatchMutation(() =>
    api<{ invitedOn: string; invited: number }>('/top-leads/finalize', { method: 'POST' }),
  );
}

export function useResetBatch() {
  return useBatchMutation(() => api<{ unstaged: number }>('/top-leads/reset', { method: 'POST' }));
}

function fileNameOf(response: Response, fallback: string): string {
  const disposition = response.headers.get('content-disposition') ?? '';
  return /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallback;
}

/**
 * Downloads the staged batch's CSV as the API writes it. It goes through fetch, not a plain
 * link, because an admin's request must carry the chosen client's header.
 */
export async function downloadStagedCsv(): Promise<void> {
  const response = await apiFetch('/top-leads/staged.csv');
  const url = URL.createObjectURL(await response.blob());
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileNameOf(response, 'invitations.csv');
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // The click has handed the blob to the download; revoking later frees it.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
