import { TextField } from './Field.tsx';
import { RowsFieldset } from './RowsFieldset.tsx';
import { blankExample, type ExampleDraft } from './rubric-draft.ts';

interface ExampleRowsProps {
  path: string;
  examples: ExampleDraft[];
  onChange: (examples: ExampleDraft[]) => void;
}

/** Profiles summarised in a line, with the points they deserve and why. */
export function ExampleRows(props: ExampleRowsProps) {
  return (
    <RowsFieldset
      legend="Examples"
      noun="example"
      rows={props.examples}
      blank={blankExample}
      onChange={props.onChange}
      emptyHint="No example yet."
    >
      {(example, index, edit) => {
        const at = `${props.path}.examples.${index}`;
        const n = index + 1;
        return (
          <>
            <TextField
              label={`Example ${n} profile`}
              path={`${at}.profile`}
              className="grow"
              value={example.profile}
              onChange={(profile) => edit({ profile })}
            />
            <TextField
              label={`Example ${n} points`}
              path={`${at}.points`}
              variant="number"
              value={example.points}
              onChange={(points) => edit({ points })}
            />
            <TextField
              label={`Example ${n} why`}
              path={`${at}.why`}
              className="grow"
              value={example.why}
              onChange={(why) => edit({ why })}
            />
          </>
        );
      }}
    </RowsFieldset>
  );
}
