import { useContext } from 'react';
import { ExampleRows } from './ExampleRows.tsx';
import { Check, ProblemsContext, TextAreaField, TextField } from './Field.tsx';
import { problemAt } from './field-errors.ts';
import { ItemFieldset } from './ItemFieldset.tsx';
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

  return (
    <ItemFieldset
      noun="Attribute"
      index={index}
      path={path}
      item={attribute}
      idHint="A letter, then letters or digits"
      kindLabels={{ positive: 'Positive (earns points)', negative: 'Negative (costs points)' }}
      onChange={onChange}
      onRemove={props.onRemove}
    >
      <div className="row">
        <TextField
          label={positive ? 'Max points' : 'Penalty'}
          path={`${path}.${limitName}`}
          hint="Above 0, at most 1000"
          variant="number"
          value={attribute.limit}
          onChange={(limit) => onChange({ limit })}
        />
        <TextField
          label="Minimum to qualify"
          path={`${path}.minToQualify`}
          hint="Optional"
          variant="number"
          value={attribute.minToQualify}
          onChange={(minToQualify) => onChange({ minToQualify })}
        />
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
      <TextAreaField
        label="Instructions"
        path={`${path}.instructions`}
        rows={2}
        value={attribute.instructions}
        onChange={(instructions) => onChange({ instructions })}
      />
      <SignalRows
        path={path}
        signals={attribute.signals}
        weightHint={`Above 0, at most ${limitText}`}
        onChange={(signals) => onChange({ signals })}
      />
      <TextAreaField
        label="Excluded phrases"
        path={`${path}.exclude`}
        withItems
        hint="One a line; a phrase cancels a signal it touches (“former” in “former CFO”)"
        rows={2}
        value={attribute.exclude}
        onChange={(exclude) => onChange({ exclude })}
      />
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
    </ItemFieldset>
  );
}
