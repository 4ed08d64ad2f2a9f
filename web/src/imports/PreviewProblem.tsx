import { ColumnMapForm } from './ColumnMapForm.tsx';
import type { ImportPreview } from './imports-api.ts';

/**
 * Why a file cannot be read as it is. A header no known export matches, with columns to map,
 * is a step of the import rather than an error: a plain sentence, then the mapping form. The
 * server's message (written for the CLI's `--map`) shows only when nothing can be mapped, or
 * when a map was given and it does not fit the file.
 */
export function PreviewProblem(props: {
  preview: ImportPreview;
  mapGiven: boolean;
  onApply: (map: string) => void;
}) {
  const { preview, mapGiven } = props;
  const problem = preview.problem!;
  const mappable = preview.columns.length > 0;
  return (
    <>
      {mappable && !mapGiven ? (
        <p role="status">
          This file's columns match none of the exports Leadbase knows. Say below which column holds
          what, and the file is checked again before anything is imported.
        </p>
      ) : (
        <p className="error" role="alert">
          {problem.message}
        </p>
      )}
      {mappable && (
        <ColumnMapForm
          key={preview.columns.join('\n')}
          columns={preview.columns}
          onApply={props.onApply}
        />
      )}
    </>
  );
}
