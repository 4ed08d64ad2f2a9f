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

type FieldFrame = Omit<FieldProps, 'children'>;

/** A field that edits one text value. */
interface BoundText extends FieldFrame {
  value: string;
  onChange: (value: string) => void;
}

interface TextFieldProps extends BoundText {
  /** `number`: a decimal keyboard and a narrow box; `id`: a narrow box. */
  variant?: 'id' | 'number';
}

/** A one-line text field: the draft keeps the text as typed, numbers included. */
export function TextField(props: TextFieldProps) {
  const { value, onChange, variant, ...frame } = props;
  return (
    <Field {...frame}>
      {(control) => (
        <input
          {...control}
          inputMode={variant === 'number' ? 'decimal' : undefined}
          className={variant && `${variant}-input`}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}

/** A text area field, for prose and for lists typed one item a line. */
export function TextAreaField(props: BoundText & { rows: number }) {
  const { value, onChange, rows, ...frame } = props;
  return (
    <Field {...frame}>
      {(control) => (
        <textarea
          {...control}
          rows={rows}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
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
