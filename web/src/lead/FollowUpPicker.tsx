import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useCurrentClient } from '../api/current-client.tsx';
import { errorMessage } from '../components/ErrorState.tsx';
import { formatCalendarDate, todayIn } from '../lib/calendar.ts';
import { applyFollowUp } from './follow-up-save.ts';
import type { LeadDetail } from './lead-detail-api.ts';

/** The lead's follow-up: a day on the client's own calendar, set or cleared. */
export function FollowUpPicker(props: { lead: LeadDetail; onSaved: (lead: LeadDetail) => void }) {
  const { lead, onSaved } = props;
  const client = useCurrentClient();
  const id = useId();
  const [typed, setTyped] = useState<string | null>(null);
  const [theirs, setTheirs] = useState<LeadDetail | null>(null);
  const today = todayIn(client.timeZone);
  const shown = typed ?? lead.followUpOn ?? '';

  const save = useMutation({
    mutationFn: (input: { lead: LeadDetail; date: string | null }) =>
      applyFollowUp(input.lead, input.date),
    onSuccess: (outcome) => {
      if ('saved' in outcome) {
        setTyped(null);
        setTheirs(null);
        onSaved(outcome.saved);
      } else {
        setTheirs(outcome.latest);
        onSaved(outcome.latest);
      }
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (shown !== '') save.mutate({ lead: theirs ?? lead, date: shown });
  };
  const due = lead.followUpOn !== null && lead.followUpOn <= today;

  return (
    <form className="panel follow-up" aria-labelledby={`${id}-title`} onSubmit={submit}>
      <h2 id={`${id}-title`}>Follow-up</h2>
      <p>
        {lead.followUpOn === null ? (
          'No follow-up set.'
        ) : (
          <>
            Follow up on <strong>{formatCalendarDate(lead.followUpOn)}</strong>
            {due ? <span className="badge due"> due</span> : null}
          </>
        )}
      </p>
      <div className="field-row">
        <label htmlFor={`${id}-date`}>Follow-up date</label>
        <input
          id={`${id}-date`}
          type="date"
          value={shown}
          onChange={(event) => setTyped(event.target.value)}
          aria-describedby={`${id}-today`}
        />
      </div>
      <p id={`${id}-today`} className="hint">
        Dates are days on {client.name}'s calendar ({client.timeZone}), where today is{' '}
        {formatCalendarDate(today)}.
      </p>
      {theirs !== null && (
        <div className="conflict" role="alert">
          <strong>Someone else saved first.</strong> Their follow-up:{' '}
          {theirs.followUpOn ? formatCalendarDate(theirs.followUpOn) : 'none'}; yours:{' '}
          {shown ? formatCalendarDate(shown) : 'none'}. Save again to keep yours.
        </div>
      )}
      {save.isError && (
        <p className="error" role="alert">
          Not saved: {errorMessage(save.error)}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={shown === '' || save.isPending}>
          Set follow-up
        </button>
        <button
          type="button"
          className="secondary"
          disabled={lead.followUpOn === null || save.isPending}
          onClick={() => save.mutate({ lead: theirs ?? lead, date: null })}
        >
          Clear follow-up
        </button>
      </div>
    </form>
  );
}
