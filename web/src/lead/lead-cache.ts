import { useQuery, useQueryClient } from '@tanstack/react-query';
import { clientKey, useClientQuery, useCurrentClient } from '../api/current-client.tsx';
import { leadPath } from '../api/leads.ts';
import { useInvalidateLeadLists } from '../leads/lead-queries.ts';
import { type LeadDetail, listNotes, type Note } from './lead-detail-api.ts';

/** The lead shown at /leads/:id, with its post relevance, cached under the current client. */
export function useLead(id: string) {
  return useClientQuery<LeadDetail>(['lead', id], leadPath(id));
}

export function useLeadNotes(id: string) {
  const client = useCurrentClient();
  return useQuery<Note[]>({
    queryKey: clientKey(client.id, 'lead', id, 'notes'),
    queryFn: ({ signal }) => listNotes(id, signal),
  });
}

/**
 * What a page calls with a lead the API just returned: the lead page under `id` (the lead's
 * own ID when not given) shows it at once, and every lead listing of the client is refreshed when next shown.
 */
export function useLeadSaved(id?: string): (lead: LeadDetail) => void {
  const queryClient = useQueryClient();
  const client = useCurrentClient();
  const invalidateLists = useInvalidateLeadLists();
  return (lead) => {
    queryClient.setQueryData(clientKey(client.id, 'lead', id ?? lead.id), lead);
    void invalidateLists();
  };
}

/** After notes change: the thread is read again. */
export function useNotesChanged(id: string): () => void {
  const queryClient = useQueryClient();
  const client = useCurrentClient();
  return () =>
    void queryClient.invalidateQueries({ queryKey: clientKey(client.id, 'lead', id, 'notes') });
}
