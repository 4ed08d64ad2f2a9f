import { useMutation } from '@tanstack/react-query';
import { ConfirmButton } from '../components/ConfirmButton.tsx';
import { ErrorState, errorMessage, Loading } from '../components/ErrorState.tsx';
import { BatchTable } from './BatchTable.tsx';
import { plural } from './StageForm.tsx';
import {
  downloadStagedCsv,
  useFinalizeBatch,
  useResetBatch,
  useStagedBatch,
} from './top-leads-api.ts';

function Outcomes(props: { mutations: { isError: boolean; error: unknown }[] }) {
  const failed = props.mutations.find((mutation) => mutation.isError);
  return failed ? (
    <p role="alert" className="error">
      {errorMessage(failed.error)}
    </p>
  ) : null;
}

/** The staged batch: its leads, the LinkedHelper CSV, and the finalize and reset steps. */
export function StagedBatch() {
  const staged = useStagedBatch();
  const download = useMutation({ mutationFn: downloadStagedCsv });
  const finalize = useFinalizeBatch();
  const reset = useResetBatch();

  // One outcome at a time: the latest step's.
  const only = (keep: { reset: () => void }) => {
    for (const mutation of [download, finalize, reset]) if (mutation !== keep) mutation.reset();
  };

  if (staged.isPending) return <Loading label="Loading the staged batch…" />;
  if (staged.isError) return <ErrorState error={staged.error} what="The staged batch" />;
  const count = staged.data.leads.length;
  const outOfDate = staged.data.outOfDate;

  return (
    <section aria-labelledby="staged-title" className="panel">
      <h2 id="staged-title">Staged batch</h2>
      <p role="status" className="count">
        {count === 0 ? 'No lead is staged.' : `${plural(count, 'lead')} staged for invitation.`}
      </p>
      {outOfDate > 0 && (
        <p role="status" className="stale-note">
          Score out of date: {plural(outOfDate, 'staged lead')} changed after the score shown. Reset
          the batch and stage again to leave them out until the next scoring run.
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          disabled={count === 0 || download.isPending}
          onClick={() => {
            only(download);
            download.mutate();
          }}
        >
          Download CSV for LinkedHelper
        </button>
        <ConfirmButton
          label="Finalize batch"
          title={`Mark ${plural(count, 'lead')} as invited?`}
          confirmLabel="Finalize"
          disabled={count === 0 || finalize.isPending}
          onConfirm={() => {
            only(finalize);
            finalize.mutate();
          }}
        >
          <p>
            Do this once the CSV is in the LinkedHelper campaign. The leads are marked invited today
            and leave the candidates for good.
          </p>
        </ConfirmButton>
        <ConfirmButton
          label="Reset batch"
          className="secondary"
          title={`Put ${plural(count, 'lead')} back among the candidates?`}
          confirmLabel="Reset"
          disabled={count === 0 || reset.isPending}
          onConfirm={() => {
            only(reset);
            reset.mutate();
          }}
        >
          <p>The staged batch is emptied; nobody is marked invited.</p>
        </ConfirmButton>
      </div>
      {finalize.isSuccess && (
        <p role="status" className="outcome">
          Finalized: {plural(finalize.data.invited, 'lead')} marked invited on{' '}
          {finalize.data.invitedOn}.
        </p>
      )}
      {reset.isSuccess && (
        <p role="status" className="outcome">
          Reset: {plural(reset.data.unstaged, 'lead')} back among the candidates.
        </p>
      )}
      <Outcomes mutations={[download, finalize, reset]} />
      {count > 0 && <BatchTable leads={staged.data.leads} caption="Staged leads" />}
    </section>
  );
}
