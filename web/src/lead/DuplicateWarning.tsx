import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { clientKey, useCurrentClient } from '../api/current-client.tsx';
import { leadName } from '../lib/lead-name.ts';
import { findLeadByUrl } from './lead-detail-api.ts';
import { useDebounced } from './use-debounced.ts';

/** Worth asking about: something that names a LinkedIn page, not half a word typed so far. */
function looksLikeProfile(url: string): boolean {
  return /linkedin\.com\/(in|pub|sales)\/[^/?#\s]{2,}/i.test(url);
}

/**
 * Tells, while a LinkedIn URL is typed, whether the client has that person already: the API
 * reads the URL as its canonical profile key, so any form of the URL finds the same lead.
 */
export function DuplicateWarning(props: { url: string; id: string }) {
  const client = useCurrentClient();
  const url = useDebounced(props.url.trim(), 400);
  const existing = useQuery({
    queryKey: clientKey(client.id, 'lead-by-url', url),
    queryFn: ({ signal }) => findLeadByUrl(url, signal),
    enabled: looksLikeProfile(url),
    staleTime: 10_000,
  });

  const lead = looksLikeProfile(url) ? existing.data : null;
  return (
    <div id={props.id} aria-live="polite">
      {lead ? (
        <p className="duplicate">
          This person is already a lead:{' '}
          <Link to={`/leads/${encodeURIComponent(lead.id)}`}>{leadName(lead)}</Link>
          {lead.company ? ` (${lead.company})` : ''}. Saving would be refused.
        </p>
      ) : null}
    </div>
  );
}
