import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode, type FieldIssue } from '../errors.ts';
import { requestIssues } from './validation-issues.ts';

/** The one place where an error code becomes an HTTP status. */
export const statusOfCode: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  invalid_cursor: 400,
  score_invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  tenant_mismatch: 403,
  client_paused: 403,
  not_found: 404,
  client_not_found: 404,
  run_not_found: 404,
  rubric_missing: 404,
  conflict: 409,
  client_exists: 409,
  lead_exists: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  uri_too_long: 414,
  request_too_large: 431,
  unsupported_media_type: 415,
  unknown_format: 422,
  empty_import: 422,
  bad_file: 422,
  rubric_invalid: 422,
  idempotency_conflict: 422,
  archive_invalid: 422,
  archive_unsupported: 422,
  confirmation_required: 428,
  rate_limited: 429,
  internal_error: 500,
  not_supported: 501,
  provider_unavailable: 502,
  budget_exhausted: 503,
  store_unavailable: 503,
};

const titleOfStatus: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  412: 'Precondition failed',
  413: 'Payload too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  428: 'Precondition required',
  429: 'Too many requests',
  431: 'Request header fields too large',
  500: 'Internal server error',
  501: 'Not implemented',
  502: 'Bad gateway',
  503: 'Service unavailable',
};

/** The body of every error answer (RFC 9457 problem details, plus a stable `code`). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  errors?: FieldIssue[];
  /** Seconds to wait before trying again (429), as in the Retry-After header. */
  retryAfter?: number;
}

/** Framework errors (parser, limits) by status, for the ones that carry no AppError code. */
const codeOfFrameworkStatus: Record<number, ErrorCode> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

export function problemOf(code: ErrorCode, detail: string, errors?: FieldIssue[]): Problem {
  const status = statusOfCode[code];
  return {
    type: `urn:leadbase:problem:${code}`,
    title: titleOfStatus[status] ?? 'Error',
    status,
    code,
    detail,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  if (problem.status === 401) reply.header('www-authenticate', 'Bearer');
  return reply.code(problem.status).type('application/problem+json').send(problem);
}

/** An error Fastify or one of its plugins raised (`FST_…` codes), not one of ours. */
export function isFrameworkError(error: unknown): error is FastifyError {
  const code = (error as { code?: unknown } | null)?.code;
  return !(error instanceof AppError) && typeof code === 'string' && code.startsWith('FST_');
}

function frameworkProblem(error: FastifyError): Problem | undefined {
  const status = error.statusCode ?? 0;
  if (status < 400 || status >= 500) return undefined;
  const code = codeOfFrameworkStatus[status] ?? 'bad_request';
  return { ...problemOf(code, error.message), status };
}

/** Turns any error into the problem answer; only deliberate errors reveal their message. */
export function problemOfError(error: unknown, request: FastifyRequest): Problem {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = requestIssues(request, error.validationContext, error.validation);
    const where = issues.map((issue) => issue.path).join(', ');
    return problemOf('validation_failed', `invalid request: ${where}`, issues);
  }
  if (error instanceof AppError && error.code !== 'internal_error') {
    const retryAfter = error.details?.retryAfter;
    const problem = problemOf(error.code, error.message, error.issues);
    return typeof retryAfter === 'number' ? { ...problem, retryAfter } : problem;
  }
  const framework = frameworkProblem(error as FastifyError);
  if (framework && !(error instanceof AppError)) return framework;
  return problemOf(
    'internal_error',
    `an unexpected error occurred; it was logged with request id ${request.id}`,
  );
}

export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const problem = problemOfError(error, request);
  if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
  else if (isFrameworkError(error)) logFrameworkRefusal(request, error, problem);
  return sendProblem(reply, problem);
}

/**
 * A request the framework refused (parser, limits, URL). Only the codes are logged: a message
 * may quote the URL, and a webhook URL carries an ingest token.
 */
export function logFrameworkRefusal(
  request: FastifyRequest,
  error: FastifyError,
  problem: Problem,
) {
  request.log.warn(
    { code: problem.code, frameworkCode: error.code, statusCode: problem.status },
    'request refused by the framework',
  );
}

export function handleNotFound(request: FastifyRequest, reply: FastifyReply) {
  return sendProblem(reply, problemOf('not_found', `no route ${request.method} at this path`));
}
