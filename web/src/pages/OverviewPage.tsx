import { Link } from 'react-router';
import { useCurrentClient } from '../api/current-client.tsx';
import { BarChart } from '../charts/BarChart.tsx';
import { ErrorState, Loading } from '../components/ErrorState.tsx';
import { formatCalendarDate } from '../lib/calendar.ts';
import { dailySeries, type Overview, overviewDays, useOverview } from '../overview/overview-api.ts';

const count = (value: number) => value.toLocaleString('en');
const dayLabel = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});
const shortDay = (day: string) => dayLabel.format(new Date(`${day}T00:00:00Z`));

function PipelineCounts(props: { overview: Overview }) {
  const { leads, pipeline, threshold } = props.overview;
  const stats: Array<[string, number]> = [
    ['Leads', leads],
    [`Candidates (score ≥ ${threshold})`, pipeline.candidates],
    ['Staged', pipeline.staged],
    ['Invited', pipeline.invited],
    ['Connected', pipeline.connected],
  ];
  return (
    <section aria-labelledby="pipeline-title">
      <h2 id="pipeline-title">Pipeline</h2>
      <dl className="stat-list">
        {stats.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{count(value)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function ScoreStatuses(props: { overview: Overview }) {
  const { scoreStatus } = props.overview;
  return (
    <p className="hint">
      Scored {count(scoreStatus.scored)} · waiting {count(scoreStatus.pending)} · failed{' '}
      {count(scoreStatus.failed)} · disqualified {count(scoreStatus.disqualified)} · unqualified{' '}
      {count(scoreStatus.unqualified)}
    </p>
  );
}

function Charts(props: { overview: Overview }) {
  const { scoreBands, scoredPerDay, threshold } = props.overview;
  const bands = scoreBands.map((band) => ({
    key: String(band.from),
    label: `${band.from}`,
    title: band.to >= 100 ? `${band.from}–100` : `${band.from}–${band.to - 0.01}`,
    value: band.leads,
    highlight: band.from >= threshold,
  }));
  const days = dailySeries(scoredPerDay, overviewDays).map((entry) => ({
    key: entry.day,
    label: shortDay(entry.day),
    title: formatCalendarDate(entry.day),
    value: entry.leads,
  }));
  return (
    <div className="chart-grid">
      <BarChart
        title="Score distribution"
        bars={bands}
        unit="leads"
        empty="No lead has a score yet: start a run on the Runs page."
        note={`Green: at or above the score threshold (${threshold}).`}
      />
      <BarChart
        title={`Leads scored per day (last ${overviewDays} days, UTC)`}
        bars={days}
        unit="leads"
        labelEvery={5}
        empty={`No lead was scored in the last ${overviewDays} days.`}
      />
    </div>
  );
}

/** The client's pipeline at a glance: counts, how scores spread, and scoring per day. */
export default function OverviewPage() {
  const client = useCurrentClient();
  const overview = useOverview();

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Overview</h1>
      <p className="hint">{client.name}</p>
      {overview.isPending && <Loading />}
      {overview.isError && <ErrorState error={overview.error} what="The overview" />}
      {overview.data && overview.data.leads === 0 && (
        <p>
          No leads yet. <Link to="/imports">Import a file</Link> or{' '}
          <Link to="/leads/new">add a lead</Link>.
        </p>
      )}
      {overview.data && (
        <>
          <PipelineCounts overview={overview.data} />
          <ScoreStatuses overview={overview.data} />
          <Charts overview={overview.data} />
        </>
      )}
    </section>
  );
}
