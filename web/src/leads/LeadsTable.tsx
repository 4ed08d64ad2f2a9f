import { useTable } from '@tanstack/react-table';
import type { MouseEvent } from 'react';
import { useNavigate } from 'react-router';
import type { LeadListItem } from '../api/leads.ts';
import {
  type LeadTableContext,
  LeadTableContextHolder,
  leadColumns,
  leadTableFeatures,
  sortOfColumn,
} from './lead-columns.tsx';
import type { LeadSearch, LeadSort } from './lead-search-params.ts';

/** A click on the row (not on a control in it) opens the lead, like its name link does. */
function isOnControl(event: MouseEvent): boolean {
  return (
    (event.target as HTMLElement).closest('a, button, input, select, label, [role=alert]') !== null
  );
}

function SortHeader(props: {
  label: string;
  sort: LeadSort;
  search: LeadSearch;
  onSort: (sort: LeadSort) => void;
}) {
  const active = props.search.sort === props.sort;
  const arrow = active ? (props.search.direction === 'asc' ? ' ▲' : ' ▼') : '';
  return (
    <button type="button" className="sort-button" onClick={() => props.onSort(props.sort)}>
      {props.label}
      <span aria-hidden="true">{arrow}</span>
    </button>
  );
}

/** One page of leads: sortable headers, a checkbox per row, quick edits, a link per lead. */
export function LeadsTable(props: {
  leads: LeadListItem[];
  search: LeadSearch;
  onSort: (sort: LeadSort) => void;
  context: LeadTableContext;
  allSelected: boolean;
  onToggleAll: () => void;
  /** The rows are the previous search's while this one loads. */
  busy: boolean;
}) {
  const navigate = useNavigate();
  const { context } = props;
  const table = useTable({
    features: leadTableFeatures,
    columns: leadColumns,
    data: props.leads,
    getRowId: (lead) => lead.id,
  });

  return (
    <LeadTableContextHolder.Provider value={context}>
      <div className="table-scroll">
        <table className="leads-table" aria-busy={props.busy}>
          <caption className="visually-hidden">Leads, one page</caption>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sort = sortOfColumn[header.column.id];
                  const active = sort !== undefined && props.search.sort === sort;
                  const ariaSort = active
                    ? props.search.direction === 'asc'
                      ? 'ascending'
                      : 'descending'
                    : undefined;
                  return (
                    <th key={header.id} scope="col" aria-sort={ariaSort}>
                      {header.column.id === 'select' ? (
                        <input
                          type="checkbox"
                          aria-label="Select every lead on this page"
                          checked={props.allSelected}
                          onChange={props.onToggleAll}
                        />
                      ) : sort !== undefined ? (
                        <SortHeader
                          label={String(header.column.columnDef.header)}
                          sort={sort}
                          search={props.search}
                          onSort={props.onSort}
                        />
                      ) : (
                        <table.FlexRender header={header} />
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr
                key={row.id}
                className={context.selected.has(row.id) ? 'selected' : undefined}
                onClick={(event) => {
                  if (!isOnControl(event)) navigate(`/leads/${encodeURIComponent(row.id)}`);
                }}
              >
                {row.getAllCells().map((cell) => (
                  <td key={cell.id} data-column={cell.column.id}>
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </LeadTableContextHolder.Provider>
  );
}
