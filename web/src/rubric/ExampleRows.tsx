import { Field } from './Field.tsx';
import { removeAt, replaceAt } from './list-edits.ts';
import { blankExample, type ExampleDraft } from './rubric-draft.ts';

interface ExampleRowsProps {
  path: string;
  examples: ExampleDraft[];
  onChange: (examples: ExampleDraft[]) => void;
}

/** Profiles summarised in a line, with the points they deserve and why. */
export function ExampleRows(props: ExampleRowsProps) {
  const { examples, onChange } = props;
  return (
    <fieldset className="rows">
      <legend>Examples</legend>
      {examples.length === 0 && <p className="hint">No example yet.</p>}
      {examples.map((example, index) => {
        const at = `${props.path}.examples.${index}`;
        const n = index + 1;
        const edit = (patch: Partial<ExampleDraft>) => onChange(replaceAt(examples, index, patch));
        return (
          <div className="row" key={example.key}>
            <Field label={`Example ${n} profile`} path={`${at}.profile`} className="grow">
              {(control) => (
                <input
                  {...control}
                  value={example.profile}
                  onChange={(event) => edit({ profile: event.target.value })}
                />
              )}
            </Field>
            <Field label={`Example ${n} points`} path={`${at}.points`}>
              {(control) => (
                <input
                  {...control}
                  inputMode="decimal"
                  className="number-input"
                  value={example.points}
                  onChange={(event) => edit({ points: event.target.value })}
                />
              )}
            </Field>
            <Field label={`Example ${n} why`} path={`${at}.why`} className="grow">
              {(control) => (
                <input
                  {...control}
                  value={example.why}
                  onChange={(event) => edit({ why: event.target.value })}
                />
              )}
            </Field>
            <button
              type="button"
              className="link-button"
              onClick={() => onChange(removeAt(examples, index))}
            >
              Remove example {n}
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="secondary"
        onClick={() => onChange([...examples, blankExample()])}
      >
        Add example
      </button>
    </fieldset>
  );
}
