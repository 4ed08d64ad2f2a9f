import { useContext } from 'react';
import { ExampleRows } from './ExampleRows.tsx';
import { Check, Field, ProblemsContext } from './Field.tsx';
import { problemAt } from './field-errors.ts';
import type { AttributeDraft } from './rubric-draft.ts';
import { leadTextFields } from './rubric-types.ts';
import { SignalRows } from './SignalRows.tsx';

interface AttributeEditorProps {
  index: number;
  attribute: AttributeDraft;
  onChange: (patch: Partial<AttributeDraft>) => void;
  onRemove: () => void;
}

function LooksIn(props: { path: string; fields: string[]; onChange: (fields: string[]) => void }) {
  const problem = problemAt(useContext(ProblemsContext), props.path, { withItems: true });
  const toggle = (field: string, on: boolean) =>
    props.onChange(
      leadTextFields.filter((known) => (known === field ? on : props.fields.includes(known))),
    );
  return (
    <fieldset className="looks-in" aria-invalid={problem !== undefined}>
      <legend>Signals look in</legend>
      {leadTextFields.map((field) => (
        <Check
          key={field}
          label={field}
          checked={props.fields.includes(field)}
          onChange={(on) => toggle(field, on)}
        />
      ))}
      {problem && <span className="error field-problem">{problem}</span>}
    </fieldset>
  );
}

/** One attribute of the lead rubric: what it is worth, how to recognise it, examples. */
export function AttributeEditor(props: AttributeEditorProps) {
  const { attribute, onChange, index } = props;
  const path = `attributes.${index}`;
  const positive = attribute.kind === 'positive';
  const limitName = positive ? 'max' : 'penalty';
  const limitText = attribute.limit.trim() === '' ? 'its limit' : attribute.limit;
  const title = `Attribute ${attribute.id.trim() || index + 1}`;

  return (
    <fieldset className="attribute">
      <legend>{title}</legend>
      <div className="row">
        <Field label="ID" path={`${path}.id`} hint="A letter, then letters or digits">
          {(control) => (
            <input
              {...control}
              className="id-input"
              value={attribute.id}
              onChange={(event) => onChange({ id: event.target.value })}
            />
          )}
        </Field>
        <Field label="Label" path={`${path}.label`} className="grow">
          {(control) => (
            <input
              {...control}
              value={attribute.label}
              onChange={(event) => onChange({ label: event.target.value })}
            />
          )}
        </Field>
        <Field label="Kind" path={`${path}.kind`}>
          {(control) => (
            <select
              {...control}
              value={attribute.kind}
              onChange={(event) => onChange({ kind: event.target.value as AttributeDraft['kind'] })}
            >
              <option value="positive">Positive (earns points)</option>
              <option value="negative">Negative (costs points)</option>
            </select>
          )}
        </Field>
      </div>
      <div className="row">
        <Field
          label={positive ? 'Max points' : 'Penalty'}
          path={`${path}.${limitName}`}
          hint="Above 0, at most 1000"
        >
          {(control) => (
            <input
              {...control}
              inputMode="decimal"
              className="number-input"
              value={attribute.limit}
              onChange={(event) => onChange({ limit: event.target.value })}
            />
          )}
        </Field>
        <Field label="Minimum to qualify" path={`${path}.minToQualify`} hint="Optional">
          {(control) => (
            <input
              {...control}
              inputMode="decimal"
              className="number-input"
              value={attribute.minToQualify}
              onChange={(event) => onChange({ minToQualify: event.target.value })}
            />
          )}
        </Field>
        {positive ? (
          <Check
            label="Bonus (counts a quarter of its max in the denominator)"
            checked={attribute.bonus}
            onChange={(bonus) => onChange({ bonus })}
          />
        ) : (
          <Check
            label="Disqualifying (any hit disqualifies the lead)"
            checked={attribute.disqualifying}
            onChange={(disqualifying) => onChange({ disqualifying })}
          />
        )}
      </div>
      <Field label="Instructions" path={`${path}.instructions`}>
        {(control) => (
          <textarea
            {...control}
            rows={2}
            value={attribute.instructions}
            onChange={(event) => onChange({ instructions: event.target.value })}
          />
        )}
      </Field>
      <SignalRows
        path={path}
        signals={attribute.signals}
        weightHint={`Above 0, at most ${limitText}`}
        onChange={(signals) => onChange({ signals })}
      />
      <Field
        label="Excluded phrases"
        path={`${path}.exclude`}
        withItems
        hint="One a line; a phrase cancels a signal it touches (“former” in “former CFO”)"
      >
        {(control) => (
          <textarea
            {...control}
            rows={2}
            value={attribute.exclude}
            onChange={(event) => onChange({ exclude: event.target.value })}
          />
        )}
      </Field>
      <LooksIn
        path={`${path}.fields`}
        fields={attribute.fields}
        onChange={(fields) => onChange({ fields })}
      />
      <ExampleRows
        path={path}
        examples={attribute.examples}
        onChange={(examples) => onChange({ examples })}
      />
      <button type="button" className="secondary danger" onClick={props.onRemove}>
        Remove {title}
      </button>
    </fieldset>
  );
}
