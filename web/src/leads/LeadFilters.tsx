import { useEffect, useId, useRef, useState } from 'react';
import {
  commonPriorities,
  commonStatuses,
  connectionLabels,
  connectionStatuses,
  scoreStatuses,
} from '../api/leads.ts';
import { maxSearchLength } from './FilterProblem.tsx';
import { type FilterName, hasFilters, type LeadSearch } from './lead-search-params.ts';

interface Props {
  search: LeadSearch;
  onFilter: (name: FilterName, value: string, options?: { replace: boolean }) => void;
  onClear: () => void;
}

/** A text filter that applies itself shortly after typing stops, or at once on Enter. */
function TextFilter(props: {
  label: string;
  value: string;
  type?: 'search' | 'text' | 'number';
  list?: string;
  hint?: string;
  onApply: (value: string, options?: { replace: boolean }) => void;
  inputProps?: Record<string, string>;
}) {
  const id = useId();
  const [draft, setDraft] = useState(props.value);
  // The URL changed (back button, a shared link, "Clear filters"): show what it says.
  useEffect(() => setDraft(props.value), [props.value]);
  const onApply = useRef(props.onApply);
  onApply.current = props.onApply;
  const { value } = props;
  useEffect(() => {
    if (draft === value) return;
    // Typing replaces the history entry: the back button skips every keystroke.
    const timer = setTimeout(() => onApply.current(draft, { replace: true }), 400);
    return () => clearTimeout(timer);
  }, [draft, value]);

  return (
    <div className="filter">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type={props.type ?? 'text'}
        value={draft}
        list={props.list}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') onApply.current(draft);
        }}
        {...props.inputProps}
      />
      {props.hint && (
        <span id={`${id}-hint`} className="visually-hidden">
          {props.hint}
        </span>
      )}
    </div>
  );
}

function SelectFilter(props: {
  label: string;
  value: string;
  options: Array<[string, string]>;
  onApply: (value: string) => void;
}) {
  const id = useId();
  // Like the due box: the choice shows at once, the URL follows a little later.
  const [value, setValue] = useState(props.value);
  useEffect(() => setValue(props.value), [props.value]);
  return (
    <div className="filter">
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        value={value}
        onChange={(event) => {
          setValue(event.target.value);
          props.onApply(event.target.value);
        }}
      >
        <option value="">Any</option>
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * The "follow-up due" box. It shows a click at once, while the URL (its source of truth)
 * catches up: the router applies navigations as transitions, a frame or more later.
 */
function DueFilter(props: { checked: boolean; onApply: (value: string) => void }) {
  const [checked, setChecked] = useState(props.checked);
  useEffect(() => setChecked(props.checked), [props.checked]);
  return (
    <div className="filter filter-check">
      <input
        id="filter-due"
        type="checkbox"
        checked={checked}
        onChange={(event) => {
          setChecked(event.target.checked);
          props.onApply(event.target.checked ? 'true' : '');
        }}
      />
      <label htmlFor="filter-due">Follow-up due</label>
    </div>
  );
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The search box and the filters of the Leads page. */
export function LeadFilters({ search, onFilter, onClear }: Props) {
  const value = (name: FilterName) => search.filters[name] ?? '';
  const apply = (name: FilterName) => (next: string, options?: { replace: boolean }) =>
    onFilter(name, next, options);

  return (
    <search className="lead-filters" aria-label="Filter leads">
      <TextFilter
        label="Search leads"
        type="search"
        value={value('q')}
        hint={`Finds words in name, headline, company and about (at most ${maxSearchLength} characters)`}
        onApply={apply('q')}
        inputProps={{ maxLength: String(maxSearchLength) }}
      />
      <TextFilter
        label="Minimum score"
        type="number"
        value={value('minScore')}
        onApply={apply('minScore')}
        inputProps={{ min: '0', max: '100', step: 'any', inputMode: 'decimal' }}
      />
      <TextFilter
        label="Maximum score"
        type="number"
        value={value('maxScore')}
        onApply={apply('maxScore')}
        inputProps={{ min: '0', max: '100', step: 'any', inputMode: 'decimal' }}
      />
      <SelectFilter
        label="Scoring status"
        value={value('scoreStatus')}
        options={scoreStatuses.map((status) => [status, capitalised(status)])}
        onApply={apply('scoreStatus')}
      />
      <SelectFilter
        label="Connection"
        value={value('connectionStatus')}
        options={connectionStatuses.map((status) => [status, connectionLabels[status]])}
        onApply={apply('connectionStatus')}
      />
      <SelectFilter
        label="Invitation"
        value={value('invited')}
        options={[
          ['true', 'Invited'],
          ['false', 'Not invited'],
        ]}
        onApply={apply('invited')}
      />
      <TextFilter
        label="Status"
        value={value('status')}
        list="lead-status-options"
        hint="One status, or several separated by commas"
        onApply={apply('status')}
      />
      <TextFilter
        label="Priority"
        value={value('priority')}
        list="lead-priority-options"
        onApply={apply('priority')}
      />
      <TextFilter
        label="Tags"
        value={value('tags')}
        hint="Leads carrying every tag listed, separated by commas"
        onApply={apply('tags')}
      />
      <DueFilter checked={value('due') === 'true'} onApply={apply('due')} />
      <button type="button" className="secondary" onClick={onClear} disabled={!hasFilters(search)}>
        Clear filters
      </button>
      <datalist id="lead-status-options">
        {commonStatuses.map((status) => (
          <option key={status} value={status} />
        ))}
      </datalist>
      <datalist id="lead-priority-options">
        {commonPriorities.map((priority) => (
          <option key={priority} value={priority} />
        ))}
      </datalist>
    </search>
  );
}
