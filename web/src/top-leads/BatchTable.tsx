import { Link } from 'react-router';
import { profileChangedAfterScore } from '../../../src/leads/score-freshness.ts';
import { leadName } from '../lib/lead-name.ts';
import type { BatchLead } from './top-leads-api.ts';

const blank = (text: string | null) => text === null || text.trim() === '';

/**
 * The headline as the LinkedHelper CSV has it; with none, the position stands in, labelled, since
 * the CSV's headline column stays empty then (the position has its own column).
 */
function HeadlineCell(props: { lead: BatchLead }) {
  const { headline, position } = props.lead;
  if (!blank(headline)) return <td data-column="headline">{headline}</td>;
  if (blank(position)) return <td data-column="headline" />;
  return (
    <td data-column="headline">
      <span className="fallback-label">No headline; position: </span>
      {position}
    </td>
  );
}

/** Leads of the invitation batch (or its candidates), best first, each a link to the lead. */
export function BatchTable(props: { leads: BatchLead[]; caption: string }) {
  return (
    <div className="table-scroll">
      <table className="batch-table">
        <caption className="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Headline</th>
            <th scope="col">Company</th>
            <th scope="col" className="number">
              Score
            </th>
          </tr>
        </thead>
        <tbody>
          {props.leads.map((lead) => (
            <tr key={lead.id}>
              <td data-column="name">
                <Link to={`/leads/${encodeURIComponent(lead.id)}`}>{leadName(lead)}</Link>
              </td>
              <HeadlineCell lead={lead} />
              <td>{lead.company ?? ''}</td>
              <td className="number" data-column="score">
                {lead.score ?? ''}
                {profileChangedAfterScore(lead) && (
                  <span className="stale-mark"> (out of date: the profile changed since)</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
