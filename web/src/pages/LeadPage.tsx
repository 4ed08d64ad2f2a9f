import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { ErrorState, Loading } from '../components/ErrorState.tsx';
import { FollowUpPicker } from '../lead/FollowUpPicker.tsx';
import { LeadEditForm } from '../lead/LeadEditForm.tsx';
import { LeadProfile } from '../lead/LeadProfile.tsx';
import { useLead, useLeadSaved } from '../lead/lead-cache.ts';
import { NotesThread } from '../lead/NotesThread.tsx';
import { PostRelevance } from '../lead/PostRelevance.tsx';
import { ScoreBreakdown } from '../lead/ScoreBreakdown.tsx';
import '../styles/lead.css';

function LeadNotFound() {
  return (
    <div className="state" role="alert">
      <h1>Lead not found</h1>
      <p>
        There is no such lead for this client. <Link to="/leads">Back to the leads</Link>
      </p>
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
          <ScoreBreakdown lead={lead.data} />
          <PostRelevance leadId={lead.data.id} />
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
