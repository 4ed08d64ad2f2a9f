import { useMemo, useState } from 'react';
import { AttributeEditor } from './AttributeEditor.tsx';
import { removeAt, replaceAt } from './list-edits.ts';
import { PreviewResult } from './PreviewResult.tsx';
import { RubricForm } from './RubricForm.tsx';
import { useAddVersion, usePreview, versionInput } from './rubric-api.ts';
import { blankAttribute, freshAttributeId, type RubricDraft, rubricOf } from './rubric-draft.ts';

interface LeadRubricEditorProps {
  initial: RubricDraft;
  /** Called with the new version's number once it is active. */
  onActivated: (version: number) => void;
}

/**
 * The lead rubric's editor: the draft is previewed against the client's leads (how many change
 * tier) and only a previewed draft, unchanged since, can be activated as a new version.
 */
export function LeadRubricEditor(props: LeadRubricEditorProps) {
  const [draft, setDraft] = useState(props.initial);
  const [note, setNote] = useState('');
  const preview = usePreview();
  const add = useAddVersion();
  const sent = useMemo(() => JSON.stringify(rubricOf(draft)), [draft]);
  const [previewedAs, setPreviewedAs] = useState<string | null>(null);
  const fresh = preview.isSuccess && previewedAs === sent;

  const edit = (patch: Partial<RubricDraft>) => setDraft((current) => ({ ...current, ...patch }));
  const runPreview = () => {
    add.reset();
    setPreviewedAs(sent);
    preview.mutate({ rubric: rubricOf(draft) });
  };
  const activate = () =>
    add.mutate(versionInput(rubricOf(draft), note), {
      onSuccess: (added) => props.onActivated(added.version),
    });

  return (
    <RubricForm
      label="Lead rubric"
      nameLabel="Rubric name"
      descriptionHint="Who the client is after (optional)"
      noteHint="Optional: what changed and why"
      draft={draft}
      onEdit={edit}
      note={note}
      onNote={setNote}
      error={add.error ?? preview.error}
      onSubmit={runPreview}
      activation={
        <>
          <button type="button" disabled={!fresh || add.isPending} onClick={activate}>
            Activate this rubric
          </button>
          {!fresh && <span className="hint">Preview the draft first.</span>}
        </>
      }
    >
      {draft.attributes.map((attribute, index) => (
        <AttributeEditor
          key={attribute.key}
          index={index}
          attribute={attribute}
          onChange={(patch) => edit({ attributes: replaceAt(draft.attributes, index, patch) })}
          onRemove={() => edit({ attributes: removeAt(draft.attributes, index) })}
        />
      ))}
      <div className="actions">
        <button
          type="button"
          className="secondary"
          onClick={() =>
            edit({ attributes: [...draft.attributes, blankAttribute(freshAttributeId(draft))] })
          }
        >
          Add attribute
        </button>
        <button type="submit" disabled={preview.isPending}>
          {preview.isPending ? 'Previewing…' : 'Preview changes'}
        </button>
      </div>
      {preview.isSuccess && (
        <PreviewResult
          preview={preview.data}
          title={fresh ? 'Preview of this draft' : 'Preview of an earlier draft'}
        />
      )}
      {preview.isSuccess && !fresh && (
        <p className="hint">The draft changed since this preview: preview it again.</p>
      )}
    </RubricForm>
  );
}
