import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../api/client.ts';
import type { Lead } from '../api/leads.ts';
import { errorMessage } from '../components/ErrorState.tsx';
import { DuplicateWarning } from '../lead/DuplicateWarning.tsx';
import { useLeadSaved } from '../lead/lead-cache.ts';
import { createLead, findLeadByUrl } from '../lead/lead-detail-api.ts';
import {
  emptyNewLead,
  issuesByField,
  type NewLeadValues,
  newLeadBody,
  newLeadFields,
} from '../lead/new-lead-fields.ts';
import '../styles/lead.css';

type Outcome = { created: Lead } | { existing: Lead | null };

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
  const [existing, setExisting] = useState<Lead | null | undefined>(undefined);
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
        {newLeadFields.map((field) => {
          const inputId = `${id}-${field.name}`;
          const error = fieldErrors[field.name];
          const described = [
            field.hint ? `${inputId}-hint` : '',
            error ? `${inputId}-error` : '',
            field.name === 'profileUrl' ? `${id}-duplicate` : '',
          ].filter(Boolean);
          const common = {
            id: inputId,
            name: field.name,
            value: values[field.name],
            required: field.required,
            'aria-invalid': error ? true : undefined,
            'aria-describedby': described.join(' ') || undefined,
          };
          const change = (value: string) => setValues((old) => ({ ...old, [field.name]: value }));
          return (
            <div className="form-field" key={field.name}>
              <label htmlFor={inputId}>
                {field.label}
                {field.required ? ' (required)' : ''}
              </label>
              {field.type === 'textarea' ? (
                <textarea {...common} rows={4} onChange={(e) => change(e.target.value)} />
              ) : (
                <input
                  {...common}
                  type={field.type ?? 'text'}
                  onChange={(e) => change(e.target.value)}
                />
              )}
              {field.hint && (
                <p id={`${inputId}-hint`} className="hint">
                  {field.hint}
                </p>
              )}
              {error && (
                <p id={`${inputId}-error`} className="field-error">
                  {field.label} {error}
                </p>
              )}
              {field.name === 'profileUrl' && (
                <DuplicateWarning url={values.profileUrl} id={`${id}-duplicate`} />
              )}
            </div>
          );
        })}
        {existing !== undefined && (
          <p className="error" role="alert">
            Not saved: this person is already a lead
            {existing ? (
              <>
                {': '}
                <Link to={`/leads/${encodeURIComponent(existing.id)}`}>
                  {existing.fullName ?? existing.id}
                </Link>
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
