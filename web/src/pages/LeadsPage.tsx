import { useCallback, useMemo, useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useCurrentClient } from '../api/current-client.tsx';
import { BulkActions } from '../leads/BulkActions.tsx';
import { FilterProblem } from '../leads/FilterProblem.tsx';
import { LeadFilters } from '../leads/LeadFilters.tsx';
import { LeadsTable } from '../leads/LeadsTable.tsx';
import type { LeadTableContext } from '../leads/lead-columns.tsx';
import {
  useInvalidateLeadLists,
  useLeadPage,
  useLeadTotal,
  useReplaceListedLead,
} from '../leads/lead-queries.ts';
import {
  type FilterName,
  type LeadSearch,
  type LeadSort,
  paramsOfSearch,
  searchOfParams,
  withFilter,
  withSort,
} from '../leads/lead-search-params.ts';
import { Pager } from '../leads/Pager.tsx';
import { todayIn } from '../lib/calendar.ts';
import '../styles/leads.css';

/** The cursors of the pages before this one, kept in the history entry (not the URL). */
interface PagingState {
  before?: Array<string | null>;
}

function useLeadSearch() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const location = useLocation();
  const search = useMemo(() => searchOfParams(params), [params]);
  const before = (location.state as PagingState | null)?.before ?? [];

  const go = useCallback(
    (next: LeadSearch, options: { replace?: boolean; before?: Array<string | null> } = {}) => {
      const query = paramsOfSearch(next).toString();
      navigate(
        { search: query === '' ? '' : `?${query}` },
        { replace: options.replace ?? false, state: { before: options.before ?? [] } },
      );
    },
    [navigate],
  );
  return { search, before, go };
}

function useSelection(leadIds: string[]) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const toggle = useCallback((id: string) => {
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);
  const allSelected = leadIds.length > 0 && leadIds.every((id) => selected.has(id));
  const toggleAll = () => setSelected(allSelected ? new Set() : new Set(leadIds));
  return { selected, setSelected, toggle, allSelected, toggleAll };
}

/** Search, filter, sort and page through a client's leads; edit status and priority in place. */
export default function LeadsPage() {
  const client = useCurrentClient();
  const { search, before, go } = useLeadSearch();
  const page = useLeadPage(search);
  const total = useLeadTotal(search);
  const replaceListed = useReplaceListedLead();
  const invalidateLists = useInvalidateLeadLists();
  const leads = page.data?.leads ?? [];
  const selection = useSelection(leads.map((lead) => lead.id));
  const { selected, toggle } = selection;
  const today = todayIn(client.timeZone);

  const context: LeadTableContext = useMemo(
    () => ({ selected, toggle, today, onSaved: replaceListed }),
    [selected, toggle, today, replaceListed],
  );

  const onFilter = (name: FilterName, value: string, options?: { replace: boolean }) => {
    selection.setSelected(new Set());
    go(withFilter(search, name, value), { replace: options?.replace ?? false });
  };
  const onSort = (sort: LeadSort) => go(withSort(search, sort));
  const onClear = () => go({ ...search, filters: {}, after: null });
  const onNext = () => {
    const cursor = page.data?.nextCursor;
    if (cursor) go({ ...search, after: cursor }, { before: [...before, search.after] });
  };
  const onPrevious = () => {
    const previous = before.at(-1) ?? null;
    go({ ...search, after: previous }, { before: before.slice(0, -1) });
  };

  return (
    <section aria-labelledby="page-title" className="leads-page">
      <div className="page-head">
        <h1 id="page-title">Leads</h1>
        <Link to="/leads/new" className="button-link">
          New lead
        </Link>
      </div>
      <LeadFilters search={search} onFilter={onFilter} onClear={onClear} />
      <BulkActions
        selected={[...selected]}
        onDone={() => {
          selection.setSelected(new Set());
          void invalidateLists();
        }}
      />
      {page.isError ? (
        <FilterProblem
          error={page.error}
          onClear={() => go({ ...search, filters: {}, after: null })}
        />
      ) : (
        <>
          <Pager
            shown={leads.length}
            pageIndex={before.length}
            total={total.data?.total}
            loading={page.isPending || page.isPlaceholderData}
            hasPrevious={search.after !== null}
            hasNext={Boolean(page.data?.nextCursor)}
            onPrevious={onPrevious}
            onNext={onNext}
          />
          {page.isPending ? null : leads.length === 0 ? (
            <p className="state">No leads match these filters.</p>
          ) : (
            <LeadsTable
              leads={leads}
              search={search}
              onSort={onSort}
              context={context}
              allSelected={selection.allSelected}
              onToggleAll={selection.toggleAll}
              busy={page.isPlaceholderData}
            />
          )}
        </>
      )}
    </section>
  );
}
