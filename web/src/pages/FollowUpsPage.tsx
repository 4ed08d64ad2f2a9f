import { useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { clientKey, useClientQuery, useCurrentClient } from '../api/current-client.tsx';
import type { Lead } from '../api/leads.ts';
import { ErrorState, Loading } from '../components/ErrorState.tsx';
import { FollowUpItem } from '../follow-ups/FollowUpItem.tsx';
import type { FollowUpOutcome } from '../lead/follow-up-save.ts';
import { useLeadSaved } from '../lead/lead-cache.ts';
import { formatCalendarDate } from '../lib/calendar.ts';
import '../styles/lead.css';

interface DueFollowUps {
  today: string;
  leads: Lead[];
}

const dueKey = ['follow-ups', 'due'];

/** The most the API lists at once; the most overdue come first, so none of those is missed. */
const dueLimit = 1000;

function FollowUpList(props: {
  title: string;
  leads: Lead[];
  today: string;
  empty: string;
  onChanged: (outcome: FollowUpOutcome) => void;
}) {
  const id = useId();
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>
        {props.title} ({props.leads.length})
      </h2>
      {props.leads.length === 0 ? (
        <p className="hint">{props.empty}</p>
      ) : (
        <ul className="follow-up-list">
          {props.leads.map((lead) => (
            <FollowUpItem
              key={lead.id}
              lead={lead}
              today={props.today}
              onChanged={props.onChanged}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

/** Leads to follow up today and those overdue, by the client's own calendar day. */
export default function FollowUpsPage() {
  const client = useCurrentClient();
  const queryClient = useQueryClient();
  const onLeadSaved = useLeadSaved();
  // The API decides what "today" is: the client's calendar day in the client's time zone.
  const due = useClientQuery<DueFollowUps>(dueKey, `/follow-ups/due?limit=${dueLimit}`);

  const onChanged = (outcome: FollowUpOutcome) => {
    onLeadSaved('saved' in outcome ? outcome.saved : outcome.latest);
    void queryClient.invalidateQueries({ queryKey: clientKey(client.id, ...dueKey) });
  };

  if (due.isPending) return <Loading label="Loading follow-ups…" />;
  if (due.isError) return <ErrorState error={due.error} what="The follow-ups" />;

  const { today, leads } = due.data;
  const overdue = leads.filter((lead) => lead.followUpOn !== null && lead.followUpOn < today);
  const dueToday = leads.filter((lead) => lead.followUpOn === today);

  return (
    <section className="follow-ups" aria-labelledby="follow-ups-title">
      <h1 id="follow-ups-title">Follow-ups</h1>
      <p className="hint">
        Today for {client.name} is {formatCalendarDate(today)} ({client.timeZone}).
      </p>
      {leads.length === dueLimit && (
        <p className="hint" role="note">
          Showing the {dueLimit} most overdue follow-ups: settle some to see the rest.
        </p>
      )}
      <FollowUpList
        title="Due today"
        leads={dueToday}
        today={today}
        empty="Nothing due today."
        onChanged={onChanged}
      />
      <FollowUpList
        title="Overdue"
        leads={overdue}
        today={today}
        empty="Nothing overdue."
        onChanged={onChanged}
      />
    </section>
  );
}
