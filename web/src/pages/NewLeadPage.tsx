import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../api/client.ts';
import { errorMessage } from '../components/ErrorState.tsx';
import { DuplicateWarning } from '../lead/DuplicateWarning.tsx';
import { useLeadSaved } from '../lead/lead-cache.ts';
import { createLead, findLeadByUrl, type LeadDetail } from '../lead/lead-detail-api.ts';
import { NewLeadField } from '../lead/NewLeadField.tsx';
import {
  emptyNewLead,
  issuesByField,
  type NewLeadValues,
  newLeadBody,
  newLeadFields,
} from '../lead/new-lead-fields.ts';
import '../styles/lead.css';
import { leadName } from '../lib/lead-name.ts';

type Outcome = { created: LeadDetail } | { existing: LeadDetail | null };

/** Creates the lead; a 409 (the person is known) is an outcome naming the existing lead. */
async function submitLead(values: NewLeadValues): Promise<Outcome> {
  const body = newLeadBody(values);
  try {
    return { created: await createLead(body) };
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 409)) throw error;
  }
  const byUrl = await findLeadByUrl(body.profileUrl);
  if (byUrl || !body.salesNavUrl) return { existing: byUrl };
  return { existing: await findLeadByUrl(body.salesNavUrl) };
}

/** A form to add a lead by hand, warning while the URL is typed when the person is known. */
export default function NewLeadPage() {
  const id = useId();
  const navigate = useNavigate();
  const [values, setValues] = useState<NewLeadValues>(emptyNewLead);
  const [existing, setExisting] = useState<LeadDetail | null | undefined>(undefined);
  const onSaved = useLeadSaved();

  const save = useMutation({
    mutationFn: submitLead,
    onSuccess: (outcome) => {
      if ('created' in outcome) {
        onSaved(outcome.created);
        navigate(`/leads/${encodeURIComponent(outcome.created.id)}`);
      } else {
        setExisting(outcome.existing);
      }
    },
  });
  const fieldErrors = save.error instanceof ApiError ? issuesByField(save.error.details) : {};

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setExisting(undefined);
    save.mutate(values);
  };

  return (
    <section aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>New lead</h1>
      <form className="lead-form" onSubmit={submit} noValidate>
        {newLeadFields.map((field) => (
          <NewLeadField
            key={field.name}
            field={field}
            inputId={`${id}-${field.name}`}
            value={values[field.name]}
            error={fieldErrors[field.name]}
            onChange={(value) => setValues((old) => ({ ...old, [field.name]: value }))}
            extra={
              field.name === 'profileUrl'
                ? {
                    node: <DuplicateWarning url={values.profileUrl} id={`${id}-duplicate`} />,
                    describedBy: `${id}-duplicate`,
                  }
                : undefined
            }
          />
        ))}
        {existing !== undefined && (
          <p className="error" role="alert">
            Not saved: this person is already a lead
            {existing ? (
              <>
                {': '}
                <Link to={`/leads/${encodeURIComponent(existing.id)}`}>{leadName(existing)}</Link>
              </>
            ) : null}
            .
          </p>
        )}
        {save.isError && (
          <p className="error" role="alert">
            Not saved: {errorMessage(save.error)}
          </p>
        )}
        <div className="actions">
          <button type="submit" disabled={save.isPending || values.profileUrl.trim() === ''}>
            {save.isPending ? 'Saving…' : 'Add lead'}
          </button>
        </div>
      </form>
    </section>
  );
}
