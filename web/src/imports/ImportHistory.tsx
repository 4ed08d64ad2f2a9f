import { ErrorState, Loading } from '../components/ErrorState.tsx';
import { useImportHistory } from './imports-api.ts';
import { formatName } from './PreviewTable.tsx';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The client's past imports with their counts, newest first. */
export function ImportHistory() {
  const history = useImportHistory();
  if (history.isPending) return <Loading />;
  if (history.isError) return <ErrorState error={history.error} what="The import history" />;
  if (history.data.imports.length === 0) return <p className="hint">No import yet.</p>;
  return (
    <div className="table-scroll">
      <table className="import-history">
        <caption>Past imports</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">File</th>
            <th scope="col">Format</th>
            <th scope="col">Records</th>
            <th scope="col">Created</th>
            <th scope="col">Updated</th>
            <th scope="col">Repeated in the file</th>
            <th scope="col">Rejected</th>
          </tr>
        </thead>
        <tbody>
          {history.data.imports.map((entry) => (
            <tr key={entry.id}>
              <td>{when.format(new Date(entry.createdAt))}</td>
              <td>{entry.fileName}</td>
              <td>{formatName(entry.format)}</td>
              <td>{entry.counts.records ?? 0}</td>
              <td>{entry.counts.created ?? 0}</td>
              <td>{entry.counts.updated ?? 0}</td>
              <td>{entry.counts.repeated ?? 0}</td>
              <td>{entry.counts.rejected ?? 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
