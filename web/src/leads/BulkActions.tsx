import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import {
  type BulkLeadUpdate,
  type BulkUpdateResult,
  bulkUpdateLeads,
  commonPriorities,
  commonStatuses,
} from '../api/leads.ts';
import { errorMessage } from '../components/ErrorState.tsx';

type Action = 'status' | 'priority' | 'addTags' | 'removeTags';

const actionLabels: Record<Action, string> = {
  status: 'Set status',
  priority: 'Set priority',
  addTags: 'Add tag',
  removeTags: 'Remove tag',
};

function changeOf(ids: string[], action: Action, value: string): BulkLeadUpdate {
  const trimmed = value.trim();
  if (action === 'status') return { ids, status: trimmed };
  if (action === 'priority') return { ids, priority: trimmed === '' ? null : trimmed };
  const tags = trimmed
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
  return { ids, [action]: tags };
}

function summary(result: BulkUpdateResult): string {
  const parts = [`Updated ${result.updated.length} lead${result.updated.length === 1 ? '' : 's'}`];
  if (result.unchanged.length > 0) parts.push(`${result.unchanged.length} already so`);
  if (result.notFound.length > 0) parts.push(`${result.notFound.length} no longer exist`);
  return `${parts.join(', ')}.`;
}

/** Changes every selected lead at once: status, priority, or a tag added or removed. */
export function BulkActions(props: { selected: string[]; onDone: () => void }) {
  const id = useId();
  const [action, setAction] = useState<Action>('status');
  const [value, setValue] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: bulkUpdateLeads,
    onSuccess: (result) => {
      setMessage(summary(result));
      setValue('');
      props.onDone();
    },
  });
  const needsValue = action !== 'priority';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    mutation.mutate(changeOf(props.selected, action, value));
  };

  return (
    <form
      className={props.selected.length === 0 ? 'bulk-actions idle' : 'bulk-actions'}
      onSubmit={submit}
      aria-label="Change the selected leads"
    >
      <span className="bulk-count">{props.selected.length} selected</span>
      <label htmlFor={`${id}-action`}>Change</label>
      <select
        id={`${id}-action`}
        value={action}
        onChange={(event) => setAction(event.target.value as Action)}
      >
        {(Object.keys(actionLabels) as Action[]).map((key) => (
          <option key={key} value={key}>
            {actionLabels[key]}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-value`}>To</label>
      <input
        id={`${id}-value`}
        value={value}
        list={
          action === 'status'
            ? 'bulk-status-options'
            : action === 'priority'
              ? 'bulk-priority-options'
              : undefined
        }
        placeholder={action === 'priority' ? 'empty clears it' : ''}
        required={needsValue}
        onChange={(event) => setValue(event.target.value)}
      />
      <button type="submit" disabled={props.selected.length === 0 || mutation.isPending}>
        Apply to {props.selected.length}
      </button>
      <datalist id="bulk-status-options">
        {commonStatuses.map((status) => (
          <option key={status} value={status} />
        ))}
      </datalist>
      <datalist id="bulk-priority-options">
        {commonPriorities.map((priority) => (
          <option key={priority} value={priority} />
        ))}
      </datalist>
      <span role="status" className="bulk-message">
        {message}
      </span>
      {mutation.isError && (
        <span className="error" role="alert">
          {errorMessage(mutation.error)}
        </span>
      )}
    </form>
  );
}
