import { useState } from 'react';
import { RunRecords } from './RunRecords.tsx';
import { type ClientRun, isActive } from './runs-api.ts';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
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
          {run.trigger} · {when.format(new Date(run.createdAt))}
          {run.finishedAt ? ` → ${when.format(new Date(run.finishedAt))}` : ''}
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
      {open && <RunRecords records={run.records} runLabel={label} />}
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
