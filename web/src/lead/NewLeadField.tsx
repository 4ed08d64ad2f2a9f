import type { ReactNode } from 'react';
import type { newLeadFields } from './new-lead-fields.ts';

type FieldSpec = (typeof newLeadFields)[number];

/**
 * One field of the new-lead form: its label, its input, its hint, the API's complaint about it
 * (announced with the input through aria-describedby), and anything the field adds below.
 */
export function NewLeadField(props: {
  field: FieldSpec;
  inputId: string;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
  /** Shown under the field; `describedBy` is its element ID. */
  extra?: { node: ReactNode; describedBy: string };
}) {
  const { field, inputId, error, extra } = props;
  const described = [
    field.hint ? `${inputId}-hint` : '',
    error ? `${inputId}-error` : '',
    extra?.describedBy ?? '',
  ].filter(Boolean);
  const common = {
    id: inputId,
    name: field.name,
    value: props.value,
    required: field.required,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': described.join(' ') || undefined,
  };

  return (
    <div className="form-field">
      <label htmlFor={inputId}>
        {field.label}
        {field.required ? ' (required)' : ''}
      </label>
      {field.type === 'textarea' ? (
        <textarea {...common} rows={4} onChange={(event) => props.onChange(event.target.value)} />
      ) : (
        <input
          {...common}
          type={field.type ?? 'text'}
          onChange={(event) => props.onChange(event.target.value)}
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
      {extra?.node}
    </div>
  );
}
