import type { RunRecord } from './runs-api.ts';

const count = (value: number) => value.toLocaleString('en');

function Failures(props: { record: RunRecord }) {
  const open = props.record.failures.filter((failure) => !failure.resolved);
  if (props.record.failures.length === 0) return null;
  return (
    <details className="failures">
      <summary>
        {open.length} unresolved of {props.record.failures.length} item failures
      </summary>
      <ul>
        {props.record.failures.map((failure) => (
          <li key={failure.itemId}>
            <code>{failure.itemId}</code> {failure.code}: {failure.message} (attempts{' '}
            {failure.attempts}
            {failure.resolved ? ', resolved' : ''})
          </li>
        ))}
      </ul>
    </details>
  );
}

/**
 * Why an imported record's counters do not add up: the legacy system counted what it examined
 * and what it scored, never what failed or was skipped.
 */
function unaccountedNote(record: RunRecord): string | null {
  const unaccounted = record.examined - record.succeeded - record.failed - record.skipped;
  if (unaccounted <= 0) return null;
  const items =
    unaccounted === 1 ? '1 examined item has' : `${count(unaccounted)} examined items have`;
  return `${items} no recorded outcome: the legacy system counted only what it examined and what succeeded, not what failed or was skipped.`;
}

/** A run's records for this client: one row per operation, counters, error and failures. */
export function RunRecords(props: { records: RunRecord[]; runLabel: string; legacy: boolean }) {
  const notes = props.legacy
    ? props.records.flatMap((record) => {
        const note = unaccountedNote(record);
        return note === null ? [] : [{ operation: record.operation, note }];
      })
    : [];
  return (
    <>
      <table className="run-records">
        <caption className="visually-hidden">Records of {props.runLabel}</caption>
        <thead>
          <tr>
            <th scope="col">Operation</th>
            <th scope="col">Status</th>
            <th scope="col">Examined</th>
            <th scope="col">Succeeded</th>
            <th scope="col">Failed</th>
            <th scope="col">Skipped</th>
            <th scope="col">Tokens</th>
            <th scope="col">Cost</th>
            <th scope="col">Attempts</th>
          </tr>
        </thead>
        <tbody>
          {props.records.map((record) => (
            <tr key={record.id}>
              <th scope="row">
                {record.operation}
                {record.errorMessage && (
                  <p className="error">
                    {record.errorCode}: {record.errorMessage}
                  </p>
                )}
                <Failures record={record} />
              </th>
              <td>
                <span className={`run-status ${record.status}`}>{record.status}</span>
              </td>
              <td>{count(record.examined)}</td>
              <td>{count(record.succeeded)}</td>
              <td>{count(record.failed)}</td>
              <td>{count(record.skipped)}</td>
              <td>{count(record.tokens)}</td>
              <td>{record.cost.toFixed(4)}</td>
              <td>{record.attempts}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {notes.map(({ operation, note }) => (
        <p key={operation} className="hint legacy-note">
          {operation}: {note}
        </p>
      ))}
    </>
  );
}
