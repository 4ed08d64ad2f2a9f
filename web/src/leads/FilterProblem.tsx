import { ApiError } from '../api/client.ts';
import { ErrorState } from '../components/ErrorState.tsx';

/** The longest search text the API takes (`q`, GET /api/leads). */
export const maxSearchLength = 200;

/** The names the filters carry on the page, for the API's query fields. */
const filterLabels: Record<string, string> = {
  q: 'Search leads',
  minScore: 'Minimum score',
  maxScore: 'Maximum score',
  scoreStatus: 'Scoring status',
  connectionStatus: 'Connection',
  invited: 'Invitation',
  status: 'Status',
  priority: 'Priority',
  tags: 'Tags',
  due: 'Follow-up due',
  sort: 'Sort',
  direction: 'Sort direction',
  cursor: 'Page',
};

/** "Minimum score: must be at most 100", for each query field the API refused. */
export function filterIssues(error: unknown): string[] {
  if (!(error instanceof ApiError) || error.status !== 400) return [];
  return error.details
    .filter((issue) => issue.path.startsWith('query.'))
    .map((issue) => {
      const field = issue.path.slice('query.'.length);
      return `${filterLabels[field] ?? field}: ${issue.message}`;
    });
}

/**
 * Why the list could not be read. Filters the API refused (typed, or from a shared URL) are named
 * one by one with a way out; anything else is the usual error state.
 */
export function FilterProblem(props: { error: unknown; onClear: () => void }) {
  const issues = filterIssues(props.error);
  if (issues.length === 0) return <ErrorState error={props.error} what="This list" />;
  return (
    <div className="state" role="alert">
      <h2>These filters cannot be used</h2>
      <ul>
        {issues.map((issue) => (
          <li key={issue}>{issue}</li>
        ))}
      </ul>
      <p>Correct them above, or start again without filters.</p>
      <button type="button" onClick={props.onClear}>
        Clear filters
      </button>
    </div>
  );
}
