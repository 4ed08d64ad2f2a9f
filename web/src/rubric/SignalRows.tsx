import { Field } from './Field.tsx';
import { removeAt, replaceAt } from './list-edits.ts';
import { blankSignal, type SignalDraft } from './rubric-draft.ts';

interface SignalRowsProps {
  /** The attribute's path: `attributes.<n>`. */
  path: string;
  signals: SignalDraft[];
  weightHint: string;
  onChange: (signals: SignalDraft[]) => void;
}

/** An attribute's signals: phrases to find and the points each is worth. */
export function SignalRows(props: SignalRowsProps) {
  const { signals, onChange } = props;
  return (
    <fieldset className="rows">
      <legend>Signals</legend>
      {signals.map((signal, index) => {
        const at = `${props.path}.signals.${index}`;
        const n = index + 1;
        return (
          <div className="row" key={signal.key}>
            <Field label={`Signal ${n} phrase`} path={`${at}.phrase`} className="grow">
              {(control) => (
                <input
                  {...control}
                  value={signal.phrase}
                  onChange={(event) =>
                    onChange(replaceAt(signals, index, { phrase: event.target.value }))
                  }
                />
              )}
            </Field>
            <Field label={`Signal ${n} weight`} path={`${at}.weight`} hint={props.weightHint}>
              {(control) => (
                <input
                  {...control}
                  inputMode="decimal"
                  className="number-input"
                  value={signal.weight}
                  onChange={(event) =>
                    onChange(replaceAt(signals, index, { weight: event.target.value }))
                  }
                />
              )}
            </Field>
            <button
              type="button"
              className="link-button"
              onClick={() => onChange(removeAt(signals, index))}
            >
              Remove signal {n}
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="secondary"
        onClick={() => onChange([...signals, blankSignal()])}
      >
        Add signal
      </button>
    </fieldset>
  );
}
