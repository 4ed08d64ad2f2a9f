import type { FastifyRequest } from 'fastify';
import { type ZodType, z } from 'zod';
import type { FieldIssue } from '../errors.ts';
import { plainValidationMessages } from './validation-messages.ts';

/** The parts of a request in the order Fastify validates them, with their names in problems. */
const parts = [
  { schemaKey: 'params', label: 'params', value: (request: FastifyRequest) => request.params },
  { schemaKey: 'body', label: 'body', value: (request: FastifyRequest) => request.body },
  { schemaKey: 'querystring', label: 'query', value: (request: FastifyRequest) => request.query },
  { schemaKey: 'headers', label: 'headers', value: (request: FastifyRequest) => request.headers },
] as const;

function fieldPath(label: string, path: PropertyKey[]): string {
  return [label, ...path.map(String)].join('.');
}

/** Issues of one field said once: a field that broke two rules is listed once, with both. */
function onePerPath(issues: FieldIssue[]): FieldIssue[] {
  const byPath = new Map<string, string[]>();
  for (const issue of issues) {
    const messages = byPath.get(issue.path) ?? [];
    if (!messages.includes(issue.message)) messages.push(issue.message);
    byPath.set(issue.path, messages);
  }
  return [...byPath].map(([path, messages]) => ({ path, message: messages.join('; ') }));
}

/** Zod issues as field issues; an unknown-keys issue becomes one issue per unknown field. */
export function fieldIssues(label: string, error: z.ZodError): FieldIssue[] {
  return onePerPath(
    error.issues.flatMap((issue) => {
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map((key) => ({
          path: fieldPath(label, [...issue.path, key]),
          message: 'unknown field',
        }));
      }
      return [{ path: fieldPath(label, issue.path), message: issue.message }];
    }),
  );
}

/**
 * Every bad field of a request that failed validation. Fastify stops at the first bad part, so
 * the part that failed and those after it are checked again here; the parts before it passed.
 */
export function requestIssues(
  request: FastifyRequest,
  failedPart: string | undefined,
  reported: { instancePath: string; message?: string }[],
): FieldIssue[] {
  const schema = (request.routeOptions.schema ?? {}) as Record<string, unknown>;
  const failedAt = parts.findIndex((part) => part.schemaKey === failedPart);
  const issues: FieldIssue[] = [];

  for (const part of parts.slice(Math.max(failedAt, 0))) {
    const partSchema = schema[part.schemaKey];
    if (!(partSchema instanceof z.ZodType)) continue;
    const result = (partSchema as ZodType).safeParse(part.value(request), {
      error: plainValidationMessages,
    });
    if (!result.success) issues.push(...fieldIssues(part.label, result.error));
  }
  if (issues.length > 0) return issues;

  // The framework saw a value this check does not (an absent body reads as null there).
  const label = parts.find((part) => part.schemaKey === failedPart)?.label ?? 'request';
  return reported.map((issue) => ({
    path: fieldPath(
      label,
      issue.instancePath.split('/').filter((step) => step !== ''),
    ),
    message: issue.message ?? 'is invalid',
  }));
}
