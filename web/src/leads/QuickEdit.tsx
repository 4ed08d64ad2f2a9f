import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { getLead, isStaleVersion, type LeadListItem, updateLead } from '../api/leads.ts';
import { errorMessage } from '../components/ErrorState.tsx';

type Field = 'status' | 'priority';

const fieldNames: Record<Field, string> = { status: 'Status', priority: 'Priority' };

/** What the person chose and what the other save left, when someone else saved first. */
interface Conflict {
  mine: string | null;
  theirs: string | null;
  latest: LeadListItem;
}

const shown = (value: string | null) => value ?? 'none';

/**
 * A select that saves one field of one lead at the version the list showed. When someone else
 * saved first, both values are shown and the person picks: theirs, or save theirs over.
 */
export function QuickEdit(props: {
  lead: LeadListItem;
  field: Field;
  options: string[];
  onSaved: (lead: LeadListItem) => void;
}) {
  const { lead, field, onSaved } = props;
  const id = useId();
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const current = lead[field];
  const options =
    current === null || props.options.includes(current)
      ? props.options
      : [current, ...props.options];

  const save = useMutation({
    mutationFn: (input: { value: string | null; version: number }) =>
      updateLead(lead.id, input.version, { [field]: input.value }),
    onSuccess: (saved) => {
      setConflict(null);
      onSaved(saved);
    },
    onError: async (error, input) => {
      if (!isStaleVersion(error)) return;
      const latest = await getLead(lead.id);
      setConflict({ mine: input.value, theirs: latest[field], latest });
      onSaved(latest);
    },
  });

  const label = `${fieldNames[field]} of ${lead.fullName?.trim() || `unnamed lead ${lead.id}`}`;
  return (
    <div className="quick-edit">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <select
        id={id}
        value={(save.isPending ? save.variables.value : current) ?? ''}
        disabled={save.isPending}
        onChange={(event) =>
          save.mutate({ value: event.target.value || null, version: lead.version })
        }
      >
        {field === 'priority' && <option value="">none</option>}
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
      {conflict && (
        <div className="conflict" role="alert">
          <p>
            Someone else saved first: {fieldNames[field].toLowerCase()} is now “
            {shown(conflict.theirs)}”; you chose “{shown(conflict.mine)}”.
          </p>
          <button
            type="button"
            onClick={() => save.mutate({ value: conflict.mine, version: conflict.latest.version })}
          >
            Save mine
          </button>{' '}
          <button type="button" className="secondary" onClick={() => setConflict(null)}>
            Keep theirs
          </button>
        </div>
      )}
      {save.isError && !isStaleVersion(save.error) && (
        <p className="error" role="alert">
          Not saved: {errorMessage(save.error)}
        </p>
      )}
    </div>
  );
}
