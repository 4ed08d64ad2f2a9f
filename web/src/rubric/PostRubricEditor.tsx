import { useState } from 'react';
import { CriterionEditor } from './CriterionEditor.tsx';
import { removeAt, replaceAt } from './list-edits.ts';
import {
  blankCriterion,
  freshCriterionId,
  type PostRubricDraft,
  postRubricOf,
} from './post-rubric-draft.ts';
import { RubricForm } from './RubricForm.tsx';
import { useAddPostVersion, versionInput } from './rubric-api.ts';

interface PostRubricEditorProps {
  initial: PostRubricDraft;
  onSaved: (version: number) => void;
}

/** The post rubric's editor; saving stores a new version, which score-posts uses from then. */
export function PostRubricEditor(props: PostRubricEditorProps) {
  const [draft, setDraft] = useState(props.initial);
  const [note, setNote] = useState('');
  const add = useAddPostVersion();
  const edit = (patch: Partial<PostRubricDraft>) =>
    setDraft((current) => ({ ...current, ...patch }));

  const save = () =>
    add.mutate(versionInput(postRubricOf(draft), note), {
      onSuccess: (added) => props.onSaved(added.version),
    });

  return (
    <RubricForm
      label="Post rubric"
      nameLabel="Post rubric name"
      descriptionHint="Optional"
      noteHint="Optional"
      draft={draft}
      onEdit={edit}
      note={note}
      onNote={setNote}
      error={add.error}
      onSubmit={save}
      activation={
        <button type="submit" disabled={add.isPending}>
          Save and activate
        </button>
      }
    >
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
    </RubricForm>
  );
}
