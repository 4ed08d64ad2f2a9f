import type { Lead } from '../api/leads.ts';
import { connectionLabels } from '../api/leads.ts';
import { formatCalendarDate } from '../lib/calendar.ts';
import { leadName } from '../lib/lead-name.ts';

function Fact(props: { term: string; value: string | null | undefined }) {
  if (!props.value) return null;
  return (
    <>
      <dt>{props.term}</dt>
      <dd>{props.value}</dd>
    </>
  );
}

/** Where the lead stands in the invitation batches: sent on a day, staged, or nothing. */
function invitation(lead: Lead): string | null {
  if (lead.invitedOn) return `Invited on ${formatCalendarDate(lead.invitedOn)}`;
  return lead.stagedAt ? 'Staged for the next invitation batch' : null;
}

/** Who the lead is: name, headline, position, place, LinkedIn, and how the client knows them. */
export function LeadProfile(props: { lead: Lead }) {
  const { lead } = props;
  const connection =
    connectionLabels[lead.connectionStatus] +
    (lead.connectedOn ? ` since ${formatCalendarDate(lead.connectedOn)}` : '');

  return (
    <section className="panel profile" aria-labelledby="lead-name">
      <h1 id="lead-name">{leadName(lead)}</h1>
      {lead.headline && <p className="headline">{lead.headline}</p>}
      {lead.doNotContact && (
        <p className="badge do-not-contact" role="note">
          Do not contact
        </p>
      )}
      <dl className="facts">
        <Fact term="Position" value={lead.position} />
        <Fact term="Company" value={lead.company} />
        <Fact term="Location" value={lead.location} />
        <Fact term="Industry" value={lead.industry} />
        <Fact term="Connection" value={connection} />
        <Fact term="Invitation" value={invitation(lead)} />
        <Fact term="Email" value={lead.email} />
        <Fact term="Phone" value={lead.phone} />
        <Fact term="Tags" value={lead.tags.join(', ')} />
        <Fact term="Sources" value={lead.sources.join(', ')} />
      </dl>
      <p className="links">
        {lead.profileUrl && (
          <a href={lead.profileUrl} target="_blank" rel="noopener noreferrer">
            LinkedIn profile
          </a>
        )}
        {lead.salesNavUrl && (
          <a href={lead.salesNavUrl} target="_blank" rel="noopener noreferrer">
            Sales Navigator
          </a>
        )}
      </p>
      {lead.about && (
        <details className="about">
          <summary>About</summary>
          <p>{lead.about}</p>
        </details>
      )}
    </section>
  );
}
