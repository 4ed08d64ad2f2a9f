import { createContext, type ReactNode, useContext, useId } from 'react';
import { type FieldProblem, problemAt } from './field-errors.ts';

/** The problems the API named for the value being edited; fields show their own. */
export const ProblemsContext = createContext<FieldProblem[]>([]);

interface FieldProps {
  label: string;
  /** The field's path in the edited value, to find its problem. */
  path: string;
  /** Also show the problems of the items of a list field (one item a line). */
  withItems?: boolean;
  hint?: string;
  className?: string;
  /** Renders the control with the ID, description and validity it must carry. */
  children: (control: {
    id: string;
    'aria-describedby'?: string;
    'aria-invalid': boolean;
  }) => ReactNode;
}

/** A labelled control with its hint and, when the API refused it, the reason next to it. */
export function Field(props: FieldProps) {
  const problems = useContext(ProblemsContext);
  const problem = problemAt(problems, props.path, { withItems: props.withItems ?? false });
  const id = useId();
  const described = [props.hint ? `${id}-hint` : '', problem ? `${id}-problem` : '']
    .filter((part) => part !== '')
    .join(' ');

  return (
    <div className={`field ${props.className ?? ''}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.children({
        id,
        ...(described === '' ? {} : { 'aria-describedby': described }),
        'aria-invalid': problem !== undefined,
      })}
      {props.hint && (
        <span id={`${id}-hint`} className="hint">
          {props.hint}
        </span>
      )}
      {problem && (
        <span id={`${id}-problem`} className="error field-problem">
          {problem}
        </span>
      )}
    </div>
  );
}

/** A checkbox with its label after it. */
export function Check(props: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = useId();
  return (
    <div className="check">
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        onChange={(event) => props.onChange(event.target.checked)}
      />
      <label htmlFor={id}>{props.label}</label>
    </div>
  );
}
