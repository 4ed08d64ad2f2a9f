import { TextField } from './Field.tsx';
import { RowsFieldset } from './RowsFieldset.tsx';
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
  return (
    <RowsFieldset
      legend="Signals"
      noun="signal"
      rows={props.signals}
      blank={blankSignal}
      onChange={props.onChange}
    >
      {(signal, index, edit) => {
        const at = `${props.path}.signals.${index}`;
        const n = index + 1;
        return (
          <>
            <TextField
              label={`Signal ${n} phrase`}
              path={`${at}.phrase`}
              className="grow"
              value={signal.phrase}
              onChange={(phrase) => edit({ phrase })}
            />
            <TextField
              label={`Signal ${n} weight`}
              path={`${at}.weight`}
              hint={props.weightHint}
              variant="number"
              value={signal.weight}
              onChange={(weight) => edit({ weight })}
            />
          </>
        );
      }}
    </RowsFieldset>
  );
}
