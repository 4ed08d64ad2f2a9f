/** Stable error codes; HTTP and CLI map them in one place each. */
export type ErrorCode =
  | 'bad_request'
  | 'validation_failed'
  | 'invalid_cursor'
  | 'uri_too_long'
  | 'idempotency_conflict'
  | 'not_found'
  | 'conflict'
  | 'precondition_failed'
  | 'unauthorized'
  | 'forbidden'
  | 'tenant_mismatch'
  | 'client_paused'
  | 'client_not_found'
  | 'client_exists'
  | 'unknown_format'
  | 'empty_import'
  | 'bad_file'
  | 'rubric_invalid'
  | 'rubric_missing'
  | 'score_invalid'
  | 'lead_exists'
  | 'run_not_found'
  | 'store_unavailable'
  | 'archive_invalid'
  | 'archive_unsupported'
  | 'confirmation_required'
  | 'not_supported'
  | 'payload_too_large'
  | 'request_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'provider_unavailable'
  | 'budget_exhausted'
  | 'internal_error';

export interface FieldIssue {
  path: string;
  message: string;
}

/** The one error type the application throws on purpose. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  readonly issues: FieldIssue[] | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { details?: Record<string, unknown>; issues?: FieldIssue[]; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options.details;
    this.issues = options.issues;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
