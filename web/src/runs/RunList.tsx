import { useState } from 'react';
import { useCurrentClient } from '../api/current-client.tsx';
import { clientTime } from '../lead/client-time.ts';
import { LegacyOrigin } from './LegacyOrigin.tsx';
import { RunRecords } from './RunRecords.tsx';
import { type ClientRun, isActive } from './runs-api.ts';

const statusLabels: Record<ClientRun['status'], string> = {
  queued: 'queued',
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  skipped: 'skipped',
  cancelled: 'cancelled',
  partially_failed: 'partially failed',
};

function RunItem(props: { run: ClientRun; number: number }) {
  const { run } = props;
  const { timeZone } = useCurrentClient();
  // On the client's clock, like the lead page; seconds tell apart runs started close together.
  const when = (iso: string) => clientTime(iso, timeZone, true);
  const [open, setOpen] = useState(isActive(run));
  const label = `Run ${props.number}`;
  const examined = run.records.reduce((sum, record) => sum + record.examined, 0);
  return (
    <li className="run-item" aria-label={label}>
      <div className="run-head">
        <strong>{label}</strong>
        <span className={`run-status ${run.status}`}>{statusLabels[run.status]}</span>
        <span>{run.operations.join(', ')}</span>
        <span className="hint">
          {run.trigger} · <time dateTime={run.createdAt}>{when(run.createdAt)}</time>
          {run.finishedAt ? ' → ' : ''}
          {run.finishedAt ? <time dateTime={run.finishedAt}>{when(run.finishedAt)}</time> : null}
        </span>
        {isActive(run) && (
          <span className="hint" role="status">
            {examined.toLocaleString('en')} items examined so far…
          </span>
        )}
        <button
          type="button"
          className="secondary"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
        >
          {open ? 'Hide records' : 'Show records'}
          <span className="visually-hidden"> of {label}</span>
        </button>
      </div>
      {run.legacy && <LegacyOrigin origin={run.legacy} />}
      {open && <RunRecords records={run.records} runLabel={label} legacy={run.legacy !== null} />}
      <p className="hint run-id">ID {run.id}</p>
    </li>
  );
}

/** The runs, newest first; each one's records open on demand (a running one opens itself). */
export function RunList(props: { runs: ClientRun[] }) {
  const total = props.runs.length;
  return (
    <ol className="run-list" aria-label="Runs, newest first">
      {props.runs.map((run, index) => (
        <RunItem key={run.id} run={run} number={total - index} />
      ))}
    </ol>
  );
}
