import {
  commonPriorities,
  commonStatuses,
  connectionLabels,
  connectionStatuses,
} from '../api/leads.ts';
import type { LeadFormValues } from './lead-edit-fields.ts';

/** The offered values plus any the lead carries already (imports bring their own statuses). */
function withCurrent(options: string[], ...current: (string | null)[]): string[] {
  const extra = current.filter((value): value is string => !!value && !options.includes(value));
  return [...new Set(extra), ...options];
}

/** The pipeline form's three labelled selects: status, priority and connection. */
export function PipelineSelects(props: {
  idPrefix: string;
  draft: LeadFormValues;
  saved: LeadFormValues;
  onChange: (values: Partial<LeadFormValues>) => void;
}) {
  const { idPrefix: id, draft, saved, onChange } = props;
  return (
    <>
      <div className="field-row">
        <label htmlFor={`${id}-status`}>Status</label>
        <select
          id={`${id}-status`}
          value={draft.status}
          onChange={(event) => onChange({ status: event.target.value })}
        >
          {withCurrent(commonStatuses, draft.status, saved.status).map((status) => (
            <option key={status} value={status}>
              {status}
            </option>
          ))}
        </select>
      </div>
      <div className="field-row">
        <label htmlFor={`${id}-priority`}>Priority</label>
        <select
          id={`${id}-priority`}
          value={draft.priority ?? ''}
          onChange={(event) => onChange({ priority: event.target.value || null })}
        >
          <option value="">none</option>
          {withCurrent(commonPriorities, draft.priority, saved.priority).map((priority) => (
            <option key={priority} value={priority}>
              {priority}
            </option>
          ))}
        </select>
      </div>
      <div className="field-row">
        <label htmlFor={`${id}-connection`}>Connection</label>
        <select
          id={`${id}-connection`}
          value={draft.connectionStatus}
          onChange={(event) =>
            onChange({ connectionStatus: event.target.value as LeadFormValues['connectionStatus'] })
          }
        >
          {connectionStatuses.map((status) => (
            <option key={status} value={status}>
              {connectionLabels[status]}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
