import type { z } from 'zod';
import type { FieldIssue } from '../errors.ts';

/** `['attributes', 2, 'max']` as `attributes[2].max`; the whole value is `(root)`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let formatted = '';
  for (const part of path) {
    if (typeof part === 'number') formatted += `[${part}]`;
    else formatted += formatted === '' ? String(part) : `.${String(part)}`;
  }
  return formatted === '' ? '(root)' : formatted;
}

/** One field issue per bad field; an unknown-fields issue becomes one issue per field. */
export function issuesFromZod(issues: readonly z.core.$ZodIssue[]): FieldIssue[] {
  return issues.flatMap((issue): FieldIssue[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: formatPath([...issue.path, key]),
        message: 'is not a known field',
      }));
    }
    if (issue.code === 'invalid_union' && 'options' in issue) {
      const options = (issue.options as unknown[]).map((option) => `"${String(option)}"`);
      return [{ path: formatPath(issue.path), message: `must be one of ${options.join(', ')}` }];
    }
    return [{ path: formatPath(issue.path), message: issue.message }];
  });
}
