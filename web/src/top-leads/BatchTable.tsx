import { Link } from 'react-router';
import type { BatchLead } from './top-leads-api.ts';

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
                <Link to={`/leads/${encodeURIComponent(lead.id)}`}>
                  {lead.fullName ?? '(no name)'}
                </Link>
              </td>
              <td>{lead.headline ?? lead.position ?? ''}</td>
              <td>{lead.company ?? ''}</td>
              <td className="number">{lead.score ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
