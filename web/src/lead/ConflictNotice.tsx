/** One field both people changed, as shown: its label, this person's value and the saved one. */
export interface ConflictRow {
  field: string;
  label: string;
  mine: string;
  theirs: string;
}

/**
 * Someone else saved the lead between this person's reading and saving it: each field both
 * changed, with this person's value (still in the form) and the saved one, and the two ways on.
 */
export function ConflictNotice(props: {
  rows: ConflictRow[];
  saving: boolean;
  onSaveMine: () => void;
  onKeepTheirs: () => void;
}) {
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
          {props.rows.map((row) => (
            <tr key={row.field}>
              <th scope="row">{row.label}</th>
              <td>{row.mine}</td>
              <td>{row.theirs}</td>
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
