import { type FormEvent, useEffect, useId, useState } from 'react';
import { errorMessage } from '../components/ErrorState.tsx';
import { useStageBatch, useStagedBatch } from './top-leads-api.ts';

/** Fills the staged batch up to a size with the best candidates at the threshold shown. */
export function StageForm(props: { threshold: number; candidates: number }) {
  const [size, setSize] = useState('25');
  const [error, setError] = useState<string | null>(null);
  const stage = useStageBatch();
  const batch = useStagedBatch();
  const id = useId();
  const batchSize = batch.data?.leads.length;
  const { reset: forget, data: staged } = stage;

  // Once the batch was finalized or reset, "the batch now holds n" is no longer true.
  useEffect(() => {
    if (staged && batchSize !== undefined && batchSize !== staged.batchSize) forget();
  }, [staged, batchSize, forget]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const wanted = Number(size);
    if (!Number.isInteger(wanted) || wanted < 1 || wanted > 1000) {
      setError('The batch size is a whole number from 1 to 1000.');
      return;
    }
    setError(null);
    stage.mutate({ size: wanted, threshold: props.threshold });
  };

  return (
    <form className="inline-form" onSubmit={submit} noValidate aria-label="Stage a batch">
      <div className="field">
        <label htmlFor={`${id}-size`}>Batch size</label>
        <input
          id={`${id}-size`}
          type="number"
          min={1}
          max={1000}
          step={1}
          value={size}
          onChange={(event) => setSize(event.target.value)}
          aria-invalid={error !== null}
          aria-describedby={`${id}-hint`}
        />
        <span id={`${id}-hint`} className="hint">
          The staged batch is filled up to this many leads, best first.
        </span>
        {error && (
          <span className="error" role="alert">
            {error}
          </span>
        )}
      </div>
      <button type="submit" disabled={stage.isPending || props.candidates === 0}>
        {stage.isPending ? 'Staging…' : 'Stage batch'}
      </button>
      {stage.isSuccess && (
        <p role="status" className="outcome">
          Staged {plural(stage.data.staged.length, 'lead')}; the batch now holds{' '}
          {plural(stage.data.batchSize, 'lead')}.
        </p>
      )}
      {stage.isError && (
        <p role="alert" className="error">
          {errorMessage(stage.error)}
        </p>
      )}
    </form>
  );
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
