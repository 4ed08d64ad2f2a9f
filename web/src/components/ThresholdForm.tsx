import { type FormEvent, useId, useState } from 'react';

interface ThresholdFormProps {
  /** The threshold shown now (the client's own until one is asked for). */
  value: number | undefined;
  onApply: (threshold: number) => void;
  /** What the threshold selects, for the hint under the field. */
  hint: string;
}

/** A score threshold between 0 and 100, applied on submit; a bad value is said at the field. */
export function ThresholdForm(props: ThresholdFormProps) {
  const [text, setText] = useState(props.value === undefined ? '' : String(props.value));
  const [error, setError] = useState<string | null>(null);
  const [shownValue, setShownValue] = useState(props.value);
  const id = useId();

  // A new threshold (loaded, or from the back button) shows in the field in the same render as
  // the list it selects; an effect would leave the old text on screen for a frame.
  if (props.value !== shownValue) {
    setShownValue(props.value);
    if (props.value !== undefined) setText(String(props.value));
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const threshold = Number(text);
    if (text.trim() === '' || !Number.isFinite(threshold) || threshold < 0 || threshold > 100) {
      setError('The threshold is a score from 0 to 100.');
      return;
    }
    setError(null);
    props.onApply(threshold);
  };

  return (
    <form className="inline-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-threshold`}>Score threshold</label>
        <input
          id={`${id}-threshold`}
          type="number"
          min={0}
          max={100}
          step="any"
          value={text}
          onChange={(event) => setText(event.target.value)}
          aria-invalid={error !== null}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        />
        <span id={`${id}-hint`} className="hint">
          {props.hint}
        </span>
        {error && (
          <span id={`${id}-error`} className="error" role="alert">
            {error}
          </span>
        )}
      </div>
      <button type="submit">Show</button>
    </form>
  );
}
