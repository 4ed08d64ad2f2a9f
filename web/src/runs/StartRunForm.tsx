import { type FormEvent, useState } from 'react';
import { useCurrentClient } from '../api/current-client.tsx';
import { errorMessage } from '../components/ErrorState.tsx';
import { type OperationName, operationNames, useStartRun } from './runs-api.ts';

const operationLabels: Record<OperationName, string> = {
  'score-leads': 'Score leads',
  'harvest-posts': 'Harvest posts',
  'score-posts': 'Score posts',
};

const postsOperations: readonly OperationName[] = ['harvest-posts', 'score-posts'];

/**
 * Starts a run of the operations ticked. Only the operations the client's service level
 * includes are offered: a posts operation for a leads-only client would just be skipped.
 */
export function StartRunForm() {
  const client = useCurrentClient();
  const [chosen, setChosen] = useState<OperationName[]>(['score-leads']);
  const start = useStartRun();

  const withPosts = client.serviceLevel === 'leads+posts';
  const offered = operationNames.filter((name) => withPosts || !postsOperations.includes(name));
  // An admin switching clients keeps the ticks; what the new client lacks is never sent.
  const selected = chosen.filter((name) => offered.includes(name));
  const toggle = (operation: OperationName, on: boolean) =>
    setChosen((current) =>
      operationNames.filter((name) => (name === operation ? on : current.includes(name))),
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    start.mutate(selected);
  };

  return (
    <form className="start-run" onSubmit={submit}>
      <fieldset>
        <legend>Start a run</legend>
        {offered.map((operation) => (
          <label key={operation} className="check">
            <input
              type="checkbox"
              checked={selected.includes(operation)}
              onChange={(event) => toggle(operation, event.target.checked)}
            />
            {operationLabels[operation]}
          </label>
        ))}
        <button type="submit" disabled={selected.length === 0 || start.isPending}>
          {start.isPending ? 'Starting…' : 'Start run'}
        </button>
        {!withPosts && (
          <p className="hint">
            Harvest posts and Score posts are not offered: the service level of {client.name} covers
            leads only, not posts.
          </p>
        )}
      </fieldset>
      {start.isError && (
        <p className="error" role="alert">
          {errorMessage(start.error)}
        </p>
      )}
      {start.isSuccess && (
        <p className="hint" role="status">
          Run started; it appears below and updates as it works.
        </p>
      )}
    </form>
  );
}
