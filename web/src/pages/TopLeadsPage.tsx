import { useSearchParams } from 'react-router';
import { ErrorState, Loading } from '../components/ErrorState.tsx';
import { ThresholdForm } from '../components/ThresholdForm.tsx';
import { BatchTable } from '../top-leads/BatchTable.tsx';
import { StagedBatch } from '../top-leads/StagedBatch.tsx';
import { plural, StageForm } from '../top-leads/StageForm.tsx';
import { type BatchPreview, previewLimit, useBatchPreview } from '../top-leads/top-leads-api.ts';
import '../styles/top-lists.css';

function useThresholdParam() {
  const [params, setParams] = useSearchParams();
  const text = params.get('threshold');
  const value = text === null || text === '' || Number.isNaN(Number(text)) ? null : Number(text);
  const apply = (threshold: number) => setParams({ threshold: String(threshold) });
  return [value, apply] as const;
}

/** Leads that would be candidates on their old score, held back until a run scores them again. */
function OutOfDate(props: { preview: BatchPreview }) {
  const { total, leads } = props.preview.outOfDate;
  if (total === 0) return null;
  return (
    <section aria-labelledby="out-of-date-title" className="panel">
      <h2 id="out-of-date-title">Score out of date — rescore first</h2>
      <p role="status" className="count">
        {plural(total, 'lead')} at or above {props.preview.threshold} changed after{' '}
        {total === 1 ? 'its' : 'their'} score
        {total > previewLimit ? ` (the best ${previewLimit} shown)` : ''}.
      </p>
      <p className="hint">
        They are not staged on their old score; the next scoring run scores them again, and those
        still at or above the threshold become candidates.
      </p>
      <BatchTable leads={leads} caption="Leads whose score is out of date, best first" />
    </section>
  );
}

/** The next invitation batch: candidates at a threshold, staging, the CSV, finalize, reset. */
export default function TopLeadsPage() {
  const [threshold, applyThreshold] = useThresholdParam();
  const preview = useBatchPreview(threshold);

  return (
    <section aria-labelledby="page-title" className="top-page">
      <h1 id="page-title">Top leads</h1>
      <p className="hint">
        Scored leads at or above the threshold who are not connected, have no invitation pending,
        were never invited, are not marked do-not-contact and whose profile has not changed since
        their score.
      </p>
      <ThresholdForm
        value={preview.data?.threshold}
        onApply={applyThreshold}
        hint="Leads scored at or above it are candidates."
      />
      <section aria-labelledby="candidates-title" className="panel">
        <h2 id="candidates-title">Candidates</h2>
        {preview.isPending && <Loading label="Counting the candidates…" />}
        {preview.isError && <ErrorState error={preview.error} what="The candidates" />}
        {preview.data && (
          <>
            <p role="status" className="count">
              {plural(preview.data.total, 'candidate')} at or above {preview.data.threshold}
              {preview.data.total > previewLimit ? ` (the best ${previewLimit} shown)` : ''}.
            </p>
            <StageForm threshold={preview.data.threshold} candidates={preview.data.total} />
            {preview.data.leads.length > 0 && (
              <BatchTable leads={preview.data.leads} caption="Candidates, best first" />
            )}
          </>
        )}
      </section>
      {preview.data && <OutOfDate preview={preview.data} />}
      <StagedBatch />
    </section>
  );
}
