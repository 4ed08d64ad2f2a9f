import { useCurrentClient } from '../api/current-client.tsx';
import { type Bar, BarChart } from '../charts/BarChart.tsx';
import { clientTime } from '../lead/client-time.ts';
import { type ClientRun, type RunHarvestTotals, tokensOf, totalOf } from './runs-api.ts';

function barsOf(runs: ClientRun[], timeZone: string, value: (run: ClientRun) => number): Bar[] {
  return runs.map((run, index) => ({
    key: run.id,
    label: String(index + 1),
    title: `Run ${index + 1} (${clientTime(run.createdAt, timeZone)})`,
    value: value(run),
  }));
}

/** Leads scored, posts harvested and tokens used, per run, oldest first. */
export function RunHistoryChart(props: { runs: ClientRun[]; harvests: RunHarvestTotals[] }) {
  const { timeZone } = useCurrentClient();
  const oldestFirst = [...props.runs].reverse();
  const postsOf = new Map(props.harvests.map((totals) => [totals.runId, totals.posts]));
  const every = Math.max(1, Math.ceil(oldestFirst.length / 12));
  return (
    <div className="chart-grid">
      <BarChart
        title="Leads scored per run"
        unit="leads"
        labelEvery={every}
        bars={barsOf(oldestFirst, timeZone, (run) => totalOf(run, 'score-leads', 'succeeded'))}
        empty="No leads were scored in these runs."
      />
      <BarChart
        title="Posts harvested per run"
        unit="posts"
        labelEvery={every}
        bars={barsOf(oldestFirst, timeZone, (run) => postsOf.get(run.id) ?? 0)}
        empty="No posts were harvested in these runs."
      />
      <BarChart
        title="LLM tokens per run"
        unit="tokens"
        labelEvery={every}
        bars={barsOf(oldestFirst, timeZone, tokensOf)}
        empty="No LLM tokens were used in these runs (the offline scorer uses none)."
      />
    </div>
  );
}
