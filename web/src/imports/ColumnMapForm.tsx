import { type FormEvent, useId, useState } from 'react';
import {
  type ColumnMap,
  columnMapProblem,
  columnMapText,
  guessColumnMap,
  isMappable,
  mappableFields,
} from './column-map.ts';

/** Maps the columns of a CSV no known export matches to lead fields, then checks the file again. */
export function ColumnMapForm(props: { columns: string[]; onApply: (map: string) => void }) {
  const [map, setMap] = useState<ColumnMap>(() => guessColumnMap(props.columns));
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();
  const usable = props.columns.filter(isMappable);
  const unusable = props.columns.filter((column) => !isMappable(column));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = columnMapProblem(map);
    setProblem(found);
    if (found === null) props.onApply(columnMapText(map));
  };

  return (
    <form className="column-map" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Map the columns</h3>
      <p className="hint">
        Say which column holds which lead field; columns left unmapped are kept with the lead as
        extra fields.
      </p>
      <div className="column-map-fields">
        {mappableFields.map(({ field, label }) => (
          <div className="field" key={field}>
            <label htmlFor={`${id}-${field}`}>{label}</label>
            <select
              id={`${id}-${field}`}
              value={map[field] ?? ''}
              onChange={(event) => setMap({ ...map, [field]: event.target.value })}
            >
              <option value="">(none)</option>
              {usable.map((column) => (
                <option key={column} value={column}>
                  {column}
                </option>
              ))}
            </select>
          </div>
        ))}
      </div>
      {unusable.length > 0 && (
        <p className="hint">
          Columns whose name holds a comma cannot be mapped: {unusable.join(' · ')}
        </p>
      )}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit">Check with this mapping</button>
    </form>
  );
}
