import { useCurrentClient } from '../api/current-client.tsx';
import { ErrorState, Loading } from '../components/ErrorState.tsx';
import { RunHistoryChart } from '../runs/RunHistoryChart.tsx';
import { RunList } from '../runs/RunList.tsx';
import { historyLimit, isActive, useHarvestTotals, useRuns } from '../runs/runs-api.ts';
import { StartRunForm } from '../runs/StartRunForm.tsx';
import '../styles/runs.css';

/** The client's runs: start one, see the history as charts, each run's records and failures. */
export default function RunsPage() {
  const runs = useRuns();
  const client = useCurrentClient();
  const harvests = useHarvestTotals(runs.data?.runs.some(isActive) ?? false);

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Runs</h1>
      <StartRunForm />
      {runs.isPending && <Loading />}
      {runs.isError && <ErrorState error={runs.error} what="The run history" />}
      {runs.data && runs.data.runs.length === 0 && <p>No run yet.</p>}
      {runs.data && runs.data.runs.length > 0 && (
        <>
          <h2>History</h2>
          <p className="hint">The last {historyLimit} runs at most, oldest on the left.</p>
          <RunHistoryChart runs={runs.data.runs} harvests={harvests.data?.runs ?? []} />
          <h2>Runs</h2>
          <p className="hint">
            Times are on {client.name}'s clock ({client.timeZone}).
          </p>
          <RunList runs={runs.data.runs} />
        </>
      )}
    </section>
  );
}
