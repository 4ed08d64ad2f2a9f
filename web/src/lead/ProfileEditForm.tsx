import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { errorMessage } from '../components/ErrorState.tsx';
import { ConflictNotice } from './ConflictNotice.tsx';
import { rebaseDraft, withFieldsOf } from './draft-rebase.ts';
import type { LeadDetail } from './lead-detail-api.ts';
import { NewLeadField } from './NewLeadField.tsx';
import { issuesByField } from './new-lead-fields.ts';
import {
  changedProfile,
  type ProfileConflict,
  type ProfileValues,
  profileConflicts,
  profileFieldNames,
  profileFields,
  profileLabels,
  profileValuesOf,
  sameProfile,
  sameText,
  shownProfileValue,
} from './profile-edit-fields.ts';
import { type LeadForm, saveRebased } from './save-rebased.ts';

const profileForm: LeadForm<ProfileValues, ProfileConflict> = {
  valuesOf: profileValuesOf,
  changed: changedProfile,
  rebase: (base, draft, latest) => rebaseDraft(base, draft, latest, profileFieldNames, sameText),
  conflicts: profileConflicts,
};

/**
 * The lead's profile (name, headline, position, company, …) as a form, opened on request and
 * saved with the version it was read at; the API's complaints are shown at their fields.
 */
export function ProfileEditForm(props: { lead: LeadDetail; onSaved: (lead: LeadDetail) => void }) {
  const { lead, onSaved } = props;
  const id = useId();
  const [open, setOpen] = useState(false);
  const [base, setBase] = useState(lead);
  const [draft, setDraft] = useState(() => profileValuesOf(lead));
  const [conflicts, setConflicts] = useState<ProfileConflict[] | null>(null);
  const [saved, setSaved] = useState(false);

  const save = useMutation({
    mutationFn: (input: { base: LeadDetail; draft: ProfileValues }) =>
      saveRebased(profileForm, input.base, input.draft),
    onSuccess: (result) => {
      setBase('saved' in result ? result.saved : result.latest);
      onSaved('saved' in result ? result.saved : result.latest);
      if ('saved' in result) {
        setConflicts(null);
        setDraft(profileValuesOf(result.saved));
        setSaved(true);
        setOpen(false);
      } else {
        setConflicts(result.conflicts);
        setDraft(result.draft);
      }
    },
  });
  const fieldErrors = save.error instanceof ApiError ? issuesByField(save.error.details) : {};

  const start = () => {
    // Open on the lead as shown now: a save elsewhere on the page may have moved it on.
    setBase(lead);
    setDraft(profileValuesOf(lead));
    setConflicts(null);
    setSaved(false);
    save.reset();
    setOpen(true);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ base, draft });
  };

  if (!open) {
    return (
      <div className="profile-edit-closed">
        <button type="button" className="secondary" onClick={start}>
          Edit profile
        </button>
        <span role="status" className="hint">
          {saved ? 'Profile saved.' : ''}
        </span>
      </div>
    );
  }

  return (
    <form
      className="panel lead-form profile-edit"
      aria-labelledby={`${id}-title`}
      onSubmit={submit}
      noValidate
    >
      <h2 id={`${id}-title`}>Edit profile</h2>
      {profileFields.map((field) => (
        <NewLeadField
          key={field.name}
          field={field}
          inputId={`${id}-${field.name}`}
          value={draft[field.name]}
          error={fieldErrors[field.name]}
          onChange={(value) => setDraft((old) => ({ ...old, [field.name]: value }))}
        />
      ))}
      {conflicts !== null && (
        <ConflictNotice
          rows={conflicts.map(({ field, theirs }) => ({
            field,
            label: profileLabels[field],
            mine: shownProfileValue(draft[field]),
            theirs: shownProfileValue(theirs),
          }))}
          saving={save.isPending}
          onSaveMine={() => save.mutate({ base, draft })}
          onKeepTheirs={() => {
            const fields = conflicts.map((conflict) => conflict.field);
            setConflicts(null);
            setDraft((current) => withFieldsOf(current, profileValuesOf(base), fields));
          }}
        />
      )}
      {save.isError && (
        <p className="error" role="alert">
          Not saved:{' '}
          {Object.keys(fieldErrors).length > 0
            ? 'correct the marked fields.'
            : errorMessage(save.error)}{' '}
          Your changes are still in the form.
        </p>
      )}
      <div className="actions">
        {conflicts === null && (
          <button
            type="submit"
            disabled={sameProfile(draft, profileValuesOf(base)) || save.isPending}
          >
            {save.isPending ? 'Saving…' : 'Save profile'}
          </button>
        )}
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
