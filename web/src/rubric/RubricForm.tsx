import type { FormEvent, ReactNode } from 'react';
import { ProblemsContext, TextAreaField, TextField } from './Field.tsx';
import { fieldProblems } from './field-errors.ts';
import { ProblemSummary } from './ProblemSummary.tsx';

interface NamedDraft {
  name: string;
  description: string;
}

interface RubricFormProps {
  /** The form's accessible name: `Lead rubric`, `Post rubric`. */
  label: string;
  nameLabel: string;
  descriptionHint: string;
  noteHint: string;
  draft: NamedDraft;
  onEdit: (patch: Partial<NamedDraft>) => void;
  note: string;
  onNote: (note: string) => void;
  /** What the API refused last; the problems it names are shown at their fields. */
  error: unknown;
  onSubmit: () => void;
  /** The rubric's items and what acts on them, between the description and the note. */
  children: ReactNode;
  /** What stands next to the note: the button that makes the draft a version. */
  activation: ReactNode;
}

/** The frame of a rubric editor: the API's problems, name and description, items, note. */
export function RubricForm(props: RubricFormProps) {
  const { draft, onEdit } = props;
  const problems = fieldProblems(props.error, 'body.rubric');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSubmit();
  };

  return (
    <ProblemsContext.Provider value={problems}>
      <form className="rubric-form" onSubmit={submit} noValidate aria-label={props.label}>
        <ProblemSummary problems={problems} error={props.error} />
        <TextField
          label={props.nameLabel}
          path="name"
          value={draft.name}
          onChange={(name) => onEdit({ name })}
        />
        <TextAreaField
          label="Description"
          path="description"
          hint={props.descriptionHint}
          rows={2}
          value={draft.description}
          onChange={(description) => onEdit({ description })}
        />
        {props.children}
        <div className="activate">
          <TextField
            label="Note for this version"
            path="note"
            hint={props.noteHint}
            value={props.note}
            onChange={props.onNote}
          />
          {props.activation}
        </div>
      </form>
    </ProblemsContext.Provider>
  );
}
