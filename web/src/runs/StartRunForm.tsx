import { type FormEvent, useState } from 'react';
import { errorMessage } from '../components/ErrorState.tsx';
import { type OperationName, operationNames, useStartRun } from './runs-api.ts';

const operationLabels: Record<OperationName, string> = {
  'score-leads': 'Score leads',
  'harvest-posts': 'Harvest posts',
  'score-posts': 'Score posts',
};

/** Starts a run of the operations ticked; the API refuses what the client's plan lacks. */
export function StartRunForm() {
  const [chosen, setChosen] = useState<OperationName[]>(['score-leads']);
  const start = useStartRun();

  const toggle = (operation: OperationName, on: boolean) =>
    setChosen((current) =>
      operationNames.filter((name) => (name === operation ? on : current.includes(name))),
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    start.mutate(chosen);
  };

  return (
    <form className="start-run" onSubmit={submit}>
      <fieldset>
        <legend>Start a run</legend>
        {operationNames.map((operation) => (
          <label key={operation} className="check">
            <input
              type="checkbox"
              checked={chosen.includes(operation)}
              onChange={(event) => toggle(operation, event.target.checked)}
            />
            {operationLabels[operation]}
          </label>
        ))}
        <button type="submit" disabled={chosen.length === 0 || start.isPending}>
          {start.isPending ? 'Starting…' : 'Start run'}
        </button>
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
