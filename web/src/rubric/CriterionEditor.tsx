import { Field } from './Field.tsx';
import type { CriterionDraft } from './post-rubric-draft.ts';

interface CriterionEditorProps {
  index: number;
  criterion: CriterionDraft;
  onChange: (patch: Partial<CriterionDraft>) => void;
  onRemove: () => void;
}

/** One criterion of the post rubric: what makes a post a good (or poor) opener. */
export function CriterionEditor(props: CriterionEditorProps) {
  const { criterion, onChange } = props;
  const path = `criteria.${props.index}`;
  const title = `Criterion ${criterion.id.trim() || props.index + 1}`;

  return (
    <fieldset className="attribute">
      <legend>{title}</legend>
      <div className="row">
        <Field label="ID" path={`${path}.id`}>
          {(control) => (
            <input
              {...control}
              className="id-input"
              value={criterion.id}
              onChange={(event) => onChange({ id: event.target.value })}
            />
          )}
        </Field>
        <Field label="Label" path={`${path}.label`} className="grow">
          {(control) => (
            <input
              {...control}
              value={criterion.label}
              onChange={(event) => onChange({ label: event.target.value })}
            />
          )}
        </Field>
        <Field label="Kind" path={`${path}.kind`}>
          {(control) => (
            <select
              {...control}
              value={criterion.kind}
              onChange={(event) => onChange({ kind: event.target.value as CriterionDraft['kind'] })}
            >
              <option value="positive">Positive (a good opener)</option>
              <option value="negative">Negative (a poor opener)</option>
            </select>
          )}
        </Field>
        <Field label="Points" path={`${path}.points`} hint="Above 0, at most 100">
          {(control) => (
            <input
              {...control}
              inputMode="decimal"
              className="number-input"
              value={criterion.points}
              onChange={(event) => onChange({ points: event.target.value })}
            />
          )}
        </Field>
      </div>
      <Field label="Keywords" path={`${path}.keywords`} withItems hint="One word or phrase a line">
        {(control) => (
          <textarea
            {...control}
            rows={3}
            value={criterion.keywords}
            onChange={(event) => onChange({ keywords: event.target.value })}
          />
        )}
      </Field>
      <Field label="Instructions" path={`${path}.instructions`} hint="Optional">
        {(control) => (
          <textarea
            {...control}
            rows={2}
            value={criterion.instructions}
            onChange={(event) => onChange({ instructions: event.target.value })}
          />
        )}
      </Field>
      <Field label="Examples" path={`${path}.examples`} withItems hint="One post summary a line">
        {(control) => (
          <textarea
            {...control}
            rows={2}
            value={criterion.examples}
            onChange={(event) => onChange({ examples: event.target.value })}
          />
        )}
      </Field>
      <button type="button" className="secondary danger" onClick={props.onRemove}>
        Remove {title}
      </button>
    </fieldset>
  );
}
