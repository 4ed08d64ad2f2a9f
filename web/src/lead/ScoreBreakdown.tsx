import { useCurrentClient } from '../api/current-client.tsx';
import type { Lead } from '../api/leads.ts';
import { formatScore } from '../lib/calendar.ts';
import { clientTime, sameClientMinute } from './client-time.ts';
import {
  type AttributePoints,
  pointsText,
  profileChangedAfterScore,
  scoreDetailOf,
} from './score-detail.ts';

const statusText: Record<Lead['scoreStatus'], string> = {
  pending: 'not scored yet',
  scored: 'scored',
  failed: 'scoring failed; the next run tries again',
  disqualified: 'disqualified',
  unqualified: 'unqualified',
};

function EvidenceList(props: { attribute: AttributePoints }) {
  const { evidence } = props.attribute;
  if (evidence.length === 0) return <span className="hint">nothing matched</span>;
  return (
    <ul className="evidence">
      {evidence.map((item, index) => (
        // Evidence has no id of its own; its place in the stored list is stable.
        // biome-ignore lint/suspicious/noArrayIndexKey: stored order never changes
        <li key={index}>
          <q>{item.text}</q>
          {item.field ? <span className="hint"> in {item.field}</span> : null}
          {item.signal && item.signal.toLowerCase() !== item.text.toLowerCase() ? (
            <span className="hint"> (matched “{item.signal}”)</span>
          ) : null}
          {item.weight !== null ? <span className="hint"> {item.weight} pts</span> : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * The lead's score, why it is what it is, which rubric version and scorer gave it, and whether
 * the profile changed since.
 */
export function ScoreBreakdown(props: { lead: Lead }) {
  const { lead } = props;
  const detail = scoreDetailOf(lead.scoreDetail);
  const { timeZone } = useCurrentClient();
  // A change a few seconds after the score would read as the same minute: show the seconds.
  const seconds =
    lead.scoredAt !== null &&
    lead.profileChangedAt !== null &&
    sameClientMinute(lead.scoredAt, lead.profileChangedAt, timeZone);

  return (
    <section className="panel" aria-labelledby="score-title">
      <h2 id="score-title">Score</h2>
      <p className="score-line">
        <strong className="score-value">{formatScore(lead.score)}</strong>{' '}
        <span className={`score-status score-${lead.scoreStatus}`}>
          {statusText[lead.scoreStatus]}
        </span>
      </p>
      {lead.profileChangedAt !== null && profileChangedAfterScore(lead) ? (
        <p className="stale-score">
          The profile changed after this score (
          {clientTime(lead.profileChangedAt, timeZone, seconds)}): the next scoring run scores it
          again.
        </p>
      ) : null}
      {detail === null ? (
        <p className="hint">No score explanation yet: the next scoring run adds one.</p>
      ) : (
        <>
          <p className="hint">
            Rubric version {detail.rubricVersion}, {detail.scorer} scorer, scored{' '}
            {clientTime(detail.scoredAt, timeZone, seconds)}
          </p>
          {detail.reasons.length > 0 && (
            <ul className="score-reasons" aria-label="Reasons">
              {detail.reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          )}
          <table className="breakdown">
            <caption className="visually-hidden">Points per rubric attribute</caption>
            <thead>
              <tr>
                <th scope="col">Attribute</th>
                <th scope="col">Points</th>
                <th scope="col">Evidence</th>
              </tr>
            </thead>
            <tbody>
              {detail.attributes.map((attribute) => (
                <tr key={attribute.id}>
                  <th scope="row">
                    {attribute.id} {attribute.label}
                  </th>
                  <td>{pointsText(attribute)}</td>
                  <td>
                    <EvidenceList attribute={attribute} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
