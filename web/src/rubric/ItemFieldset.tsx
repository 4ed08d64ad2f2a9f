import type { ReactNode } from 'react';
import { Field, TextField } from './Field.tsx';

type Kind = 'positive' | 'negative';

/** What every item of a rubric's list has: a lead attribute as much as a post criterion. */
interface ItemIdentity {
  id: string;
  label: string;
  kind: Kind;
}

interface ItemFieldsetProps {
  /** What the item is called: `Attribute`, `Criterion`. */
  noun: string;
  index: number;
  /** The item's path in the edited value: `attributes.<n>`. */
  path: string;
  item: ItemIdentity;
  idHint?: string;
  kindLabels: Record<Kind, string>;
  onChange: (patch: Partial<ItemIdentity>) => void;
  onRemove: () => void;
  /** Fields on the row of the ID, label and kind. */
  besideKind?: ReactNode;
  children: ReactNode;
}

/** One item of a rubric: its ID, label and kind, the item's own fields, and its removal. */
export function ItemFieldset(props: ItemFieldsetProps) {
  const { item, path, onChange } = props;
  const title = `${props.noun} ${item.id.trim() || props.index + 1}`;

  return (
    <fieldset className="attribute">
      <legend>{title}</legend>
      <div className="row">
        <TextField
          label="ID"
          path={`${path}.id`}
          hint={props.idHint}
          variant="id"
          value={item.id}
          onChange={(id) => onChange({ id })}
        />
        <TextField
          label="Label"
          path={`${path}.label`}
          className="grow"
          value={item.label}
          onChange={(label) => onChange({ label })}
        />
        <Field label="Kind" path={`${path}.kind`}>
          {(control) => (
            <select
              {...control}
              value={item.kind}
              onChange={(event) => onChange({ kind: event.target.value as Kind })}
            >
              <option value="positive">{props.kindLabels.positive}</option>
              <option value="negative">{props.kindLabels.negative}</option>
            </select>
          )}
        </Field>
        {props.besideKind}
      </div>
      {props.children}
      <button type="button" className="secondary danger" onClick={props.onRemove}>
        Remove {title}
      </button>
    </fieldset>
  );
}
