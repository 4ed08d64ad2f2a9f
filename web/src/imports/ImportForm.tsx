import { useId } from 'react';
import type { ImportChoices } from './imports-api.ts';
import { formatName } from './PreviewTable.tsx';

const formats = ['connections', 'salesnav', 'airtable', 'linkedhelper'] as const;

/** The file to import and how to read it: format (detected unless chosen) and date order. */
export function ImportForm(props: {
  choices: ImportChoices;
  disabled: boolean;
  onFile: (file: File | null) => void;
  onChoose: (change: Partial<ImportChoices>) => void;
}) {
  const id = useId();
  const { choices } = props;
  return (
    <form className="import-form" onSubmit={(event) => event.preventDefault()}>
      <div className="field">
        <label htmlFor={`${id}-file`}>File to import</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,.json,.jsonl,text/csv,application/json"
          disabled={props.disabled}
          onChange={(event) => props.onFile(event.target.files?.[0] ?? null)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-format`}>Format</label>
        <select
          id={`${id}-format`}
          value={choices.map === null ? choices.format : 'mapped'}
          disabled={props.disabled || choices.map !== null}
          onChange={(event) => props.onChoose({ format: event.target.value as 'auto' })}
        >
          <option value="auto">Detect from the header</option>
          {formats.map((format) => (
            <option key={format} value={format}>
              {formatName(format)}
            </option>
          ))}
          {choices.map !== null && <option value="mapped">{formatName('mapped')}</option>}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-dates`}>Dates like 03/04/2025 are</label>
        <select
          id={`${id}-dates`}
          value={choices.dateOrder}
          disabled={props.disabled}
          onChange={(event) =>
            props.onChoose({ dateOrder: event.target.value as ImportChoices['dateOrder'] })
          }
        >
          <option value="">Decided from the file</option>
          <option value="DMY">day/month/year</option>
          <option value="MDY">month/day/year</option>
        </select>
      </div>
      {choices.map !== null && (
        <button
          type="button"
          className="secondary"
          disabled={props.disabled}
          onClick={() => props.onChoose({ map: null })}
        >
          Forget the column map
        </button>
      )}
    </form>
  );
}
