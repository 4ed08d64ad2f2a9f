import { keepPreviousData, useQueryClient } from '@tanstack/react-query';
import { clientKey, useClientQuery, useCurrentClient } from '../api/current-client.tsx';
import type { LeadListItem, LeadPage } from '../api/leads.ts';
import { apiQueryOf, type LeadSearch, pageSize } from './lead-search-params.ts';

/** Every cached lead listing of the current client sits under this key. */
export const leadListKey = 'lead-list';

/** One page of a search; the previous page stays on screen while the next one loads. */
export function useLeadPage(search: LeadSearch) {
  const query = apiQueryOf(search, { limit: pageSize });
  return useClientQuery<LeadPage>([leadListKey, 'page', query], `/leads?${query}`, {
    placeholderData: keepPreviousData,
  });
}

/** How many leads match, asked apart from the page so the rows never wait for the count. */
export function useLeadTotal(search: LeadSearch) {
  const query = apiQueryOf({ ...search, after: null }, { limit: 1, withTotal: true });
  return useClientQuery<LeadPage>([leadListKey, 'total', query], `/leads?${query}`, {
    placeholderData: keepPreviousData,
  });
}

/** Puts a saved lead into every cached page that shows it (no refetch of 50 rows for one). */
export function useReplaceListedLead() {
  const queryClient = useQueryClient();
  const client = useCurrentClient();
  return (lead: LeadListItem) => {
    queryClient.setQueriesData<LeadPage>(
      { queryKey: clientKey(client.id, leadListKey, 'page') },
      (page) =>
        page && {
          ...page,
          leads: page.leads.map((listed) =>
            listed.id === lead.id ? pickListed(lead, listed) : listed,
          ),
        },
    );
  };
}

/** Marks every listing of the current client stale (after a bulk change). */
export function useInvalidateLeadLists() {
  const queryClient = useQueryClient();
  const client = useCurrentClient();
  return () => queryClient.invalidateQueries({ queryKey: clientKey(client.id, leadListKey) });
}

function pickListed(lead: LeadListItem, listed: LeadListItem): LeadListItem {
  const next = { ...listed };
  for (const key of Object.keys(listed) as (keyof LeadListItem)[]) {
    (next as Record<string, unknown>)[key] = lead[key];
  }
  return next;
}
