import { type FormEvent, useState } from 'react';
import { CriterionEditor } from './CriterionEditor.tsx';
import { Field, ProblemsContext } from './Field.tsx';
import { fieldProblems } from './field-errors.ts';
import { removeAt, replaceAt } from './list-edits.ts';
import { ProblemSummary } from './ProblemSummary.tsx';
import {
  blankCriterion,
  freshCriterionId,
  type PostRubricDraft,
  postRubricOf,
} from './post-rubric-draft.ts';
import { useAddPostVersion } from './rubric-api.ts';

interface PostRubricEditorProps {
  initial: PostRubricDraft;
  onSaved: (version: number) => void;
}

/** The post rubric's editor; saving stores a new version, which score-posts uses from then. */
export function PostRubricEditor(props: PostRubricEditorProps) {
  const [draft, setDraft] = useState(props.initial);
  const [note, setNote] = useState('');
  const add = useAddPostVersion();
  const problems = fieldProblems(add.error, 'body.rubric');
  const edit = (patch: Partial<PostRubricDraft>) =>
    setDraft((current) => ({ ...current, ...patch }));

  const save = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      { rubric: postRubricOf(draft), ...(note.trim() === '' ? {} : { note: note.trim() }) },
      { onSuccess: (added) => props.onSaved(added.version) },
    );
  };

  return (
    <ProblemsContext.Provider value={problems}>
      <form className="rubric-form" onSubmit={save} noValidate aria-label="Post rubric">
        <ProblemSummary problems={problems} error={add.error} />
        <Field label="Post rubric name" path="name">
          {(control) => (
            <input
              {...control}
              value={draft.name}
              onChange={(event) => edit({ name: event.target.value })}
            />
          )}
        </Field>
        <Field label="Description" path="description" hint="Optional">
          {(control) => (
            <textarea
              {...control}
              rows={2}
              value={draft.description}
              onChange={(event) => edit({ description: event.target.value })}
            />
          )}
        </Field>
        {draft.criteria.map((criterion, index) => (
          <CriterionEditor
            key={criterion.key}
            index={index}
            criterion={criterion}
            onChange={(patch) => edit({ criteria: replaceAt(draft.criteria, index, patch) })}
            onRemove={() => edit({ criteria: removeAt(draft.criteria, index) })}
          />
        ))}
        <button
          type="button"
          className="secondary"
          onClick={() =>
            edit({ criteria: [...draft.criteria, blankCriterion(freshCriterionId(draft))] })
          }
        >
          Add criterion
        </button>
        <div className="activate">
          <Field label="Note for this version" path="note" hint="Optional">
            {(control) => (
              <input {...control} value={note} onChange={(event) => setNote(event.target.value)} />
            )}
          </Field>
          <button type="submit" disabled={add.isPending}>
            Save and activate
          </button>
        </div>
      </form>
    </ProblemsContext.Provider>
  );
}
