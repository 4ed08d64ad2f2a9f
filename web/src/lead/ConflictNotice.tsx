import {
  type FieldConflict,
  fieldLabels,
  type LeadFormValues,
  shownValue,
} from './lead-edit-fields.ts';

/**
 * Someone else saved the lead between this person's reading and saving it: each field both
 * changed, with this person's value (still in the form) and the saved one, and the two ways on.
 */
export function ConflictNotice(props: {
  conflicts: FieldConflict[];
  draft: LeadFormValues;
  saving: boolean;
  onSaveMine: () => void;
  onKeepTheirs: () => void;
}) {
  const { conflicts, draft } = props;
  return (
    <div className="conflict" role="alert">
      <p>
        <strong>Someone else saved first.</strong> Your changes are kept below; choose which to
        keep.
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Yours</th>
            <th scope="col">Saved by someone else</th>
          </tr>
        </thead>
        <tbody>
          {conflicts.map(({ field, theirs }) => (
            <tr key={field}>
              <th scope="row">{fieldLabels[field]}</th>
              <td>{shownValue(field, draft[field])}</td>
              <td>{shownValue(field, theirs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        <button type="button" onClick={props.onSaveMine} disabled={props.saving}>
          Save mine
        </button>
        <button type="button" className="secondary" onClick={props.onKeepTheirs}>
          Keep theirs
        </button>
      </div>
    </div>
  );
}
