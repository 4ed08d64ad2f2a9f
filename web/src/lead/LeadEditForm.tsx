import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { errorMessage } from '../components/ErrorState.tsx';
import { ConflictNotice } from './ConflictNotice.tsx';
import { rebaseDraft, withFieldsOf } from './draft-rebase.ts';
import type { LeadDetail } from './lead-detail-api.ts';
import {
  changedFields,
  conflictsOf,
  type FieldConflict,
  fieldLabels,
  formFields,
  formValuesOf,
  type LeadFormValues,
  sameValues,
  shownValue,
} from './lead-edit-fields.ts';
import { PipelineSelects } from './PipelineSelects.tsx';
import { type LeadForm, saveRebased } from './save-rebased.ts';

const leadForm: LeadForm<LeadFormValues, FieldConflict> = {
  valuesOf: formValuesOf,
  changed: changedFields,
  rebase: (base, draft, latest) => rebaseDraft(base, draft, latest, formFields),
  conflicts: conflictsOf,
};

/** Status, priority and connection of a lead, saved together with the version they were read at. */
export function LeadEditForm(props: { lead: LeadDetail; onSaved: (lead: LeadDetail) => void }) {
  const { lead, onSaved } = props;
  const id = useId();
  const [base, setBase] = useState(lead);
  const [draft, setDraft] = useState(() => formValuesOf(lead));
  const [conflicts, setConflicts] = useState<FieldConflict[] | null>(null);
  const [savedVersion, setSavedVersion] = useState<number | null>(null);

  // The lead moved on (a follow-up set on this page, a refetch): follow it when that cannot
  // hide anyone's change; a real conflict is met, and shown, when this person saves.
  useEffect(() => {
    if (conflicts !== null || lead.version === base.version) return;
    if (sameValues(draft, formValuesOf(base))) {
      setBase(lead);
      setDraft(formValuesOf(lead));
    } else if (sameValues(formValuesOf(lead), formValuesOf(base))) {
      setBase(lead);
    }
  }, [lead, base, draft, conflicts]);

  const save = useMutation({
    mutationFn: (input: { base: LeadDetail; draft: LeadFormValues }) =>
      saveRebased(leadForm, input.base, input.draft),
    onSuccess: (result) => {
      if ('saved' in result) {
        setConflicts(null);
        setBase(result.saved);
        setDraft(formValuesOf(result.saved));
        setSavedVersion(result.saved.version);
        onSaved(result.saved);
      } else {
        setConflicts(result.conflicts);
        setDraft(result.draft);
        setSavedVersion(null);
        setBase(result.latest);
        onSaved(result.latest);
      }
    },
  });

  const dirty = !sameValues(draft, formValuesOf(base));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ base, draft });
  };
  const set = (values: Partial<LeadFormValues>) => {
    setSavedVersion(null);
    setDraft((current) => ({ ...current, ...values }));
  };

  return (
    <form className="panel lead-edit" aria-labelledby={`${id}-title`} onSubmit={submit}>
      <h2 id={`${id}-title`}>Pipeline</h2>
      <PipelineSelects idPrefix={id} draft={draft} saved={formValuesOf(base)} onChange={set} />
      {conflicts !== null && (
        <ConflictNotice
          rows={conflicts.map(({ field, theirs }) => ({
            field,
            label: fieldLabels[field],
            mine: shownValue(field, draft[field]),
            theirs: shownValue(field, theirs),
          }))}
          saving={save.isPending}
          onSaveMine={() => save.mutate({ base, draft })}
          onKeepTheirs={() => {
            const fields = conflicts.map((conflict) => conflict.field);
            setConflicts(null);
            setDraft((current) => withFieldsOf(current, formValuesOf(base), fields));
          }}
        />
      )}
      {save.isError && (
        <p className="error" role="alert">
          Not saved: {errorMessage(save.error)} Your changes are still in the form.
        </p>
      )}
      <div className="actions">
        {conflicts === null && (
          <button type="submit" disabled={!dirty || save.isPending}>
            {save.isPending ? 'Saving…' : 'Save changes'}
          </button>
        )}
        <span role="status" className="hint">
          {savedVersion !== null && !dirty ? 'Saved.' : ''}
        </span>
      </div>
    </form>
  );
}
