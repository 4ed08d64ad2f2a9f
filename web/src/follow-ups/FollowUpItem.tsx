import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { Link } from 'react-router';
import type { Lead } from '../api/leads.ts';
import { errorMessage } from '../components/ErrorState.tsx';
import { applyFollowUp, type FollowUpOutcome } from '../lead/follow-up-save.ts';
import { formatCalendarDate } from '../lib/calendar.ts';
import { leadName } from '../lib/lead-name.ts';
import { overdueText } from './follow-up-days.ts';

/** One due lead: who, when, and the two ways to settle it (done, or another day). */
export function FollowUpItem(props: {
  lead: Lead;
  today: string;
  onChanged: (outcome: FollowUpOutcome) => void;
}) {
  const { lead, today, onChanged } = props;
  const id = useId();
  const name = leadName(lead);
  const [date, setDate] = useState('');
  const [theirs, setTheirs] = useState<Lead | null>(null);

  const save = useMutation({
    mutationFn: (next: string | null) => applyFollowUp(lead, next),
    onSuccess: (outcome) => {
      if ('latest' in outcome) setTheirs(outcome.latest);
      onChanged(outcome);
    },
  });
  const reschedule = (event: FormEvent) => {
    event.preventDefault();
    if (date !== '') save.mutate(date);
  };
  const followUpOn = lead.followUpOn ?? today;
  const role = [lead.position ?? lead.headline, lead.company].filter(Boolean).join(' · ');

  return (
    <li className="panel follow-up-item">
      <div>
        <Link to={`/leads/${encodeURIComponent(lead.id)}`}>{name}</Link>
        {role && <p className="hint">{role}</p>}
        <p>
          {formatCalendarDate(followUpOn)}{' '}
          <span className={followUpOn < today ? 'badge overdue' : 'badge due'}>
            {overdueText(followUpOn, today)}
          </span>
        </p>
      </div>
      <form className="actions" onSubmit={reschedule}>
        <button
          type="button"
          aria-label={`Mark ${name} done`}
          onClick={() => save.mutate(null)}
          disabled={save.isPending}
        >
          Done
        </button>
        <label htmlFor={`${id}-date`} className="visually-hidden">
          New follow-up date for {name}
        </label>
        <input
          id={`${id}-date`}
          type="date"
          min={today}
          value={date}
          onChange={(event) => setDate(event.target.value)}
        />
        <button
          type="submit"
          className="secondary"
          aria-label={`Reschedule ${name}`}
          disabled={date === '' || save.isPending}
        >
          Reschedule
        </button>
      </form>
      {theirs !== null && (
        <p className="error" role="alert">
          Someone else saved first: the follow-up of {name} is now{' '}
          {theirs.followUpOn ? formatCalendarDate(theirs.followUpOn) : 'cleared'}.
        </p>
      )}
      {save.isError && (
        <p className="error" role="alert">
          Not saved: {errorMessage(save.error)}
        </p>
      )}
    </li>
  );
}
