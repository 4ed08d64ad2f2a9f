import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorCode } from '../errors.ts';
import { logFrameworkRefusal, problemOf, sendProblem } from './problem.ts';

/** The longest path segment (a URL-encoded LinkedIn URL as a lead id fits) Fastify routes. */
export const maxParamLength = 2048;

/** What the router's own refusals mean, before any route or hook has seen the request. */
const routingProblems: Record<string, { code: ErrorCode; detail: string }> = {
  FST_ERR_BAD_URL: {
    code: 'bad_request',
    detail: 'the URL path holds a malformed percent-encoding',
  },
  FST_ERR_MAX_PARAM_LENGTH: {
    code: 'uri_too_long',
    detail: `a path segment is longer than ${maxParamLength} characters`,
  },
};

/**
 * Fastify's `frameworkErrors` hook: refusals made while routing (a bad percent-encoding, an
 * over-long path segment) answered as problems like every other error, and logged.
 */
export function handleFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const known = routingProblems[error.code];
  const problem = known
    ? problemOf(known.code, known.detail)
    : problemOf(
        'internal_error',
        `an unexpected error occurred; it was logged with request id ${request.id}`,
      );
  if (known) logFrameworkRefusal(request, error, problem);
  else request.log.error({ err: error }, 'routing failed');
  reply.header('x-request-id', request.id);
  return sendProblem(reply, problem);
}
