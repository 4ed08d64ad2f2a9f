import { errorMessage } from '../components/ErrorState.tsx';
import { ImportForm } from '../imports/ImportForm.tsx';
import { ImportHistory } from '../imports/ImportHistory.tsx';
import { ImportResult } from '../imports/ImportResult.tsx';
import type { ImportProgress } from '../imports/imports-api.ts';
import { PreviewProblem } from '../imports/PreviewProblem.tsx';
import { PreviewTable } from '../imports/PreviewTable.tsx';
import { useImportFlow } from '../imports/use-import-flow.ts';
import '../styles/charts.css';
import '../styles/imports.css';

function UploadProgress(props: { sent: number; processed: ImportProgress | null }) {
  const { sent, processed } = props;
  if (sent < 1) {
    return (
      <div className="upload-progress" role="status">
        <label>
          Uploading: {Math.round(sent * 100)} %
          <progress max={1} value={sent} />
        </label>
      </div>
    );
  }
  const share =
    processed && processed.totalBytes > 0 ? processed.bytesRead / processed.totalBytes : 0;
  return (
    <div className="upload-progress" role="status">
      <label>
        Importing: {processed ? `${processed.records.toLocaleString('en')} records read, ` : ''}
        {Math.round(share * 100)} % of the file
        <progress max={1} value={share} />
      </label>
    </div>
  );
}

/** Upload a lead export: preview how it reads, map a plain CSV's columns, import it. */
export default function ImportsPage() {
  const flow = useImportFlow();
  const { preview, run } = flow;
  const ready = preview.data?.format !== null && preview.data !== undefined;

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Imports</h1>
      <p className="hint">
        LinkedIn Connections, Sales Navigator (PhantomBuster), Airtable and LinkedHelper exports are
        recognised from their header; any other CSV can be imported through a column map.
      </p>
      <ImportForm
        choices={flow.choices}
        disabled={run.isPending}
        onFile={flow.chooseFile}
        onChoose={flow.choose}
      />
      {preview.isPending && <p role="status">Reading the file…</p>}
      {preview.isError && (
        <p className="error" role="alert">
          {errorMessage(preview.error)}
        </p>
      )}
      {preview.data?.problem && (
        <PreviewProblem
          preview={preview.data}
          mapGiven={flow.choices.map !== null}
          onApply={(map) => flow.choose({ map })}
        />
      )}
      {ready && preview.data && !run.data && <PreviewTable preview={preview.data} />}
      {ready && !run.data && (
        <div className="import-actions">
          <button type="button" disabled={run.isPending} onClick={() => flow.start(false)}>
            Import file
          </button>
          <button
            type="button"
            className="secondary"
            disabled={run.isPending}
            onClick={() => flow.start(true)}
          >
            Dry run (write nothing)
          </button>
        </div>
      )}
      {run.isPending && <UploadProgress sent={flow.sent} processed={flow.processed} />}
      {run.isError && (
        <p className="error" role="alert">
          {errorMessage(run.error)}
        </p>
      )}
      {run.data && <ImportResult report={run.data} />}
      {run.data?.dryRun && (
        <button type="button" onClick={() => flow.start(false)}>
          Import file
        </button>
      )}
      <h2>History</h2>
      <ImportHistory />
    </section>
  );
}
