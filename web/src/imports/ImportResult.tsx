import type { ImportReport } from './imports-api.ts';
import { formatName } from './PreviewTable.tsx';
import { downloadRejections } from './rejection-report.ts';

/** Each count with its label; `repeated` are later records of a person named earlier in the file. */
const counts = [
  ['records', 'Records'],
  ['created', 'Created'],
  ['updated', 'Updated'],
  ['repeated', 'Repeated in the file'],
  ['unchanged', 'Unchanged'],
  ['merged', 'Merged'],
  ['rejected', 'Rejected'],
] as const;

/** What an import did (or, for a dry run, would do), with the rejected rows to download. */
export function ImportResult(props: { report: ImportReport }) {
  const { report } = props;
  return (
    <section className="import-result" aria-labelledby="import-result-title">
      <h2 id="import-result-title">
        {report.dryRun ? 'Dry run: what the import would do' : 'Import finished'}
      </h2>
      <p>
        {report.fileName} · {formatName(report.format)}
      </p>
      <dl className="stat-list" aria-label="Import counts">
        {counts.map(([name, label]) => (
          <div key={name}>
            <dt>{label}</dt>
            <dd>{report[name].toLocaleString('en')}</dd>
          </div>
        ))}
      </dl>
      {report.rejected > 0 && (
        <button type="button" className="secondary" onClick={() => downloadRejections(report)}>
          Download rejected rows (CSV)
        </button>
      )}
      {report.warnings.length > 0 && (
        <details>
          <summary>{report.warnings.length} warnings</summary>
          <ul>
            {report.warnings.slice(0, 200).map((warning, index) => (
              // Warnings have no ID; their order is fixed by the report.
              // biome-ignore lint/suspicious/noArrayIndexKey: the list never reorders
              <li key={index}>
                {warning.line > 0 ? `Line ${warning.line}: ` : ''}
                {warning.message}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
