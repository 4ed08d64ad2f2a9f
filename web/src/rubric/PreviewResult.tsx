import { useId } from 'react';
import { Link } from 'react-router';
import { leadName } from '../lib/lead-name.ts';
import { previewListLimit } from './rubric-api.ts';
import { type RubricPreview, tierLabels } from './rubric-types.ts';

function standing(side: { tier: keyof typeof tierLabels; score: number | null }) {
  return `${tierLabels[side.tier]}${side.score === null ? '' : ` (${side.score})`}`;
}

/** What a rubric would change: how many leads move between tiers, and the first of them. */
export function PreviewResult(props: { preview: RubricPreview; title: string }) {
  const { preview } = props;
  const titleId = useId();
  const against =
    preview.currentVersion === null ? 'no rubric' : `active version ${preview.currentVersion}`;

  return (
    <section className="preview" aria-labelledby={titleId}>
      <h3 id={titleId}>{props.title}</h3>
      <p role="status" className="count">
        {preview.changed} of {preview.examined} leads would change tier (compared with {against},
        threshold {preview.threshold}).
      </p>
      {preview.transitions.length > 0 && (
        <table className="batch-table">
          <caption className="visually-hidden">Leads moving between tiers</caption>
          <thead>
            <tr>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col" className="number">
                Leads
              </th>
            </tr>
          </thead>
          <tbody>
            {preview.transitions.map((move) => (
              <tr key={`${move.from}>${move.to}`}>
                <td>{tierLabels[move.from]}</td>
                <td>{tierLabels[move.to]}</td>
                <td className="number">{move.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {preview.leads.length > 0 && (
        <details>
          <summary>
            The changed leads
            {preview.changed > previewListLimit ? ` (the first ${previewListLimit})` : ''}
          </summary>
          <ul className="changed-leads">
            {preview.leads.map((lead) => (
              <li key={lead.id}>
                <Link to={`/leads/${encodeURIComponent(lead.id)}`}>{leadName(lead)}</Link>
                {lead.company ? `, ${lead.company}` : ''}: {standing(lead.from)} →{' '}
                {standing(lead.to)}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
