import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { useCurrentClient } from '../api/current-client.tsx';
import { type SessionInfo, sessionQueryKey } from '../api/session.ts';
import { ErrorState, Loading } from '../components/ErrorState.tsx';
import { FollowUpPicker } from '../lead/FollowUpPicker.tsx';
import { LeadEditForm } from '../lead/LeadEditForm.tsx';
import { LeadProfile } from '../lead/LeadProfile.tsx';
import { useLead, useLeadSaved } from '../lead/lead-cache.ts';
import { NotesThread } from '../lead/NotesThread.tsx';
import { PostRelevance } from '../lead/PostRelevance.tsx';
import { ProfileEditForm } from '../lead/ProfileEditForm.tsx';
import { ScoreBreakdown } from '../lead/ScoreBreakdown.tsx';
import '../styles/lead.css';

/** For an admin, the lead may be another client's: say which client is selected, offer the switch. */
function LeadNotFound() {
  const client = useCurrentClient();
  const session = useQueryClient().getQueryData<SessionInfo | null>(sessionQueryKey);
  const admin = session?.kind === 'admin' && session.clients.length > 1;
  return (
    <div className="state" role="alert">
      <h1>Lead not found</h1>
      <p>
        There is no such lead for {client.name}. <Link to="/leads">Back to the leads</Link>
      </p>
      {admin && (
        <p>
          {client.name} is the client selected. If the lead is another client's, choose that client:{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => document.getElementById('client-switcher')?.focus()}
          >
            Go to the client switcher
          </button>
        </p>
      )}
    </div>
  );
}

/** One lead: who they are, their score and posts, their notes, follow-up and pipeline. */
export default function LeadPage() {
  const id = useParams().id ?? '';
  const lead = useLead(id);
  const onSaved = useLeadSaved(id);

  if (lead.isPending) return <Loading label="Loading the lead…" />;
  // Another client's lead answers 404 like a missing one: nothing about it is shown.
  if (lead.error instanceof ApiError && lead.error.status === 404) return <LeadNotFound />;
  if (lead.isError) return <ErrorState error={lead.error} what="This lead" />;

  return (
    <div className="lead-page">
      <p className="breadcrumb">
        <Link to="/leads">Leads</Link>
      </p>
      <div className="lead-columns">
        <div className="lead-main">
          <LeadProfile lead={lead.data} />
          <ProfileEditForm key={lead.data.id} lead={lead.data} onSaved={onSaved} />
          <ScoreBreakdown lead={lead.data} />
          <PostRelevance relevance={lead.data.postRelevance} />
        </div>
        <div className="lead-side">
          <LeadEditForm key={lead.data.id} lead={lead.data} onSaved={onSaved} />
          <FollowUpPicker key={lead.data.id} lead={lead.data} onSaved={onSaved} />
          <NotesThread key={lead.data.id} leadId={lead.data.id} />
        </div>
      </div>
    </div>
  );
}
