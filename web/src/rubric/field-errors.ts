import { ApiError } from '../api/client.ts';

export interface FieldProblem {
  /** The field's path in the edited value, dot-separated: `attributes.0.signals.1.weight`. */
  path: string;
  message: string;
}

/**
 * The problems the API named, each with the path of the field in the edited value. The API
 * writes request paths (`body.rubric.attributes.0.max`) or rubric paths (`attributes[0].max`).
 */
export function fieldProblems(error: unknown, bodyPrefix: string): FieldProblem[] {
  if (!(error instanceof ApiError)) return [];
  return error.details.map((issue) => {
    let path = issue.path.replace(/\[(\d+)\]/g, '.$1');
    if (path.startsWith(`${bodyPrefix}.`)) path = path.slice(bodyPrefix.length + 1);
    else if (path.startsWith('body.')) path = path.slice('body.'.length);
    return { path, message: issue.message };
  });
}

/** The message for a field: its own problem, or (for a list field) its items' problems. */
export function problemAt(
  problems: FieldProblem[],
  path: string,
  options: { withItems?: boolean } = {},
): string | undefined {
  const found = problems.filter(
    (problem) =>
      problem.path === path || (options.withItems === true && problem.path.startsWith(`${path}.`)),
  );
  return found.length === 0 ? undefined : found.map((problem) => problem.message).join('; ');
}

/** `attributes.0.signals.1.weight` as people count: `attributes 1 › signals 2 › weight`. */
export function readablePath(path: string): string {
  return path
    .split('.')
    .map((part) => (/^\d+$/.test(part) ? String(Number(part) + 1) : part))
    .join(' ')
    .replace(/ (\d+)/g, ' $1 ›')
    .replace(/ ›$/, '');
}
