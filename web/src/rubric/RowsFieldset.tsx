import type { ReactNode } from 'react';
import { removeAt, replaceAt } from './list-edits.ts';

interface RowsFieldsetProps<T extends { key: string }> {
  legend: string;
  /** What one row is called in its buttons: `signal` gives `Add signal`, `Remove signal 2`. */
  noun: string;
  rows: T[];
  blank: () => T;
  onChange: (rows: T[]) => void;
  /** Shown while there is no row. */
  emptyHint?: string;
  /** The fields of the row at `index`; `edit` changes that row. */
  children: (row: T, index: number, edit: (patch: Partial<T>) => void) => ReactNode;
}

/** A list of rows edited in place, each with its remove button, and a button to add one. */
export function RowsFieldset<T extends { key: string }>(props: RowsFieldsetProps<T>) {
  const { rows, onChange, noun } = props;
  return (
    <fieldset className="rows">
      <legend>{props.legend}</legend>
      {rows.length === 0 && props.emptyHint && <p className="hint">{props.emptyHint}</p>}
      {rows.map((row, index) => (
        <div className="row" key={row.key}>
          {props.children(row, index, (patch) => onChange(replaceAt(rows, index, patch)))}
          <button
            type="button"
            className="link-button"
            onClick={() => onChange(removeAt(rows, index))}
          >
            Remove {noun} {index + 1}
          </button>
        </div>
      ))}
      <button
        type="button"
        className="secondary"
        onClick={() => onChange([...rows, props.blank()])}
      >
        Add {noun}
      </button>
    </fieldset>
  );
}
