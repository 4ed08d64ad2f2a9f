import { TextAreaField, TextField } from './Field.tsx';
import { ItemFieldset } from './ItemFieldset.tsx';
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

  return (
    <ItemFieldset
      noun="Criterion"
      index={props.index}
      path={path}
      item={criterion}
      kindLabels={{ positive: 'Positive (a good opener)', negative: 'Negative (a poor opener)' }}
      onChange={onChange}
      onRemove={props.onRemove}
      besideKind={
        <TextField
          label="Points"
          path={`${path}.points`}
          hint="Above 0, at most 100"
          variant="number"
          value={criterion.points}
          onChange={(points) => onChange({ points })}
        />
      }
    >
      <TextAreaField
        label="Keywords"
        path={`${path}.keywords`}
        withItems
        hint="One word or phrase a line"
        rows={3}
        value={criterion.keywords}
        onChange={(keywords) => onChange({ keywords })}
      />
      <TextAreaField
        label="Instructions"
        path={`${path}.instructions`}
        hint="Optional"
        rows={2}
        value={criterion.instructions}
        onChange={(instructions) => onChange({ instructions })}
      />
      <TextAreaField
        label="Examples"
        path={`${path}.examples`}
        withItems
        hint="One post summary a line"
        rows={2}
        value={criterion.examples}
        onChange={(examples) => onChange({ examples })}
      />
    </ItemFieldset>
  );
}
