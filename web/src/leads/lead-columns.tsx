import { type ColumnDef, tableFeatures } from '@tanstack/react-table';
import { createContext, useContext } from 'react';
import { Link } from 'react-router';
import {
  commonPriorities,
  commonStatuses,
  connectionLabels,
  type LeadListItem,
} from '../api/leads.ts';
import { formatCalendarDate, formatScore } from '../lib/calendar.ts';
import type { LeadSort } from './lead-search-params.ts';
import { QuickEdit } from './QuickEdit.tsx';

/** The table renders a server page as given: no client-side sorting, filtering or paging. */
export const leadTableFeatures = tableFeatures({});

export type LeadFeatures = typeof leadTableFeatures;

/** What a cell needs besides its lead: selection, today, and how to show a saved lead. */
export interface LeadTableContext {
  selected: ReadonlySet<string>;
  toggle: (id: string) => void;
  today: string;
  onSaved: (lead: LeadListItem) => void;
}

export const LeadTableContextHolder = createContext<LeadTableContext | null>(null);

function useLeadTable(): LeadTableContext {
  const context = useContext(LeadTableContextHolder);
  if (!context) throw new Error('a lead table cell is rendered outside its table');
  return context;
}

function SelectCell(props: { lead: LeadListItem }) {
  const { selected, toggle } = useLeadTable();
  return (
    <input
      type="checkbox"
      aria-label={`Select ${props.lead.fullName || `unnamed lead ${props.lead.id}`}`}
      checked={selected.has(props.lead.id)}
      onChange={() => toggle(props.lead.id)}
    />
  );
}

function QuickEditCell(props: { lead: LeadListItem; field: 'status' | 'priority' }) {
  const { onSaved } = useLeadTable();
  const options = props.field === 'status' ? commonStatuses : commonPriorities;
  return <QuickEdit lead={props.lead} field={props.field} options={options} onSaved={onSaved} />;
}

function FollowUpCell(props: { date: string | null }) {
  const { today } = useLeadTable();
  if (props.date === null) return <span className="muted">–</span>;
  const due = props.date <= today;
  return (
    <span className={due ? 'due' : undefined}>
      {formatCalendarDate(props.date)}
      {due && <span className="visually-hidden"> (due)</span>}
    </span>
  );
}

/** The columns the server can sort by, keyed by column id. */
export const sortOfColumn: Partial<Record<string, LeadSort>> = {
  name: 'name',
  score: 'score',
  followUpOn: 'follow-up',
  createdAt: 'created',
};

function role(lead: LeadListItem): string {
  return [lead.position ?? lead.headline, lead.company].filter(Boolean).join(' · ');
}

/**
 * The columns, defined once: cells read selection and callbacks from LeadTableContextHolder, so
 * a new selection never makes new column definitions (which would remount every cell and drop
 * what a cell holds, like a conflict being shown).
 */
export const leadColumns: ColumnDef<LeadFeatures, LeadListItem>[] = [
  {
    id: 'select',
    header: 'Selected',
    cell: ({ row }) => <SelectCell lead={row.original} />,
  },
  {
    id: 'name',
    header: 'Name',
    cell: ({ row }) => (
      <div className="lead-name">
        <Link to={`/leads/${encodeURIComponent(row.original.id)}`}>
          {row.original.fullName || <span className="muted">Unnamed lead</span>}
        </Link>
        <span className="muted">{role(row.original)}</span>
      </div>
    ),
  },
  {
    id: 'score',
    header: 'Score',
    cell: ({ row }) => (
      <span className="score">
        {formatScore(row.original.score)}
        {row.original.scoreStatus !== 'scored' && (
          <span className="muted"> {row.original.scoreStatus}</span>
        )}
      </span>
    ),
  },
  {
    id: 'connection',
    header: 'Connection',
    cell: ({ row }) => connectionLabels[row.original.connectionStatus],
  },
  {
    id: 'status',
    header: 'Status',
    cell: ({ row }) => <QuickEditCell lead={row.original} field="status" />,
  },
  {
    id: 'priority',
    header: 'Priority',
    cell: ({ row }) => <QuickEditCell lead={row.original} field="priority" />,
  },
  {
    id: 'followUpOn',
    header: 'Follow-up',
    cell: ({ row }) => <FollowUpCell date={row.original.followUpOn} />,
  },
  {
    id: 'tags',
    header: 'Tags',
    cell: ({ row }) => (
      <ul className="tags" aria-label="Tags">
        {row.original.tags.map((tag) => (
          <li key={tag}>{tag}</li>
        ))}
      </ul>
    ),
  },
  {
    id: 'createdAt',
    header: 'Added',
    cell: ({ row }) => formatCalendarDate(row.original.createdAt.slice(0, 10)),
  },
];
