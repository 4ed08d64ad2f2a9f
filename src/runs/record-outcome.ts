import { isAppError } from '../errors.ts';
import { logger } from '../logger.ts';
import type { OperationOutcome } from './operation.ts';

export interface RecordRef {
  runId: string;
  clientId: string;
  operation: string;
}

export function failedOutcome(code: string, message: string): OperationOutcome {
  return { status: 'failed', code, message };
}

/**
 * An operation's answer as the ledger may record it. Operations are other modules' code: an
 * answer outside the contract is a failure of the record, never a success by default (BR-18).
 */
export function checkedOutcome(value: unknown): OperationOutcome {
  const outcome = value as Partial<{ status: string; code: unknown; message: unknown }> | null;
  if (outcome?.status === 'succeeded') return { status: 'succeeded' };
  const explained = typeof outcome?.code === 'string' && typeof outcome.message === 'string';
  if ((outcome?.status === 'skipped' || outcome?.status === 'failed') && explained) {
    return {
      status: outcome.status,
      code: outcome.code as string,
      message: outcome.message as string,
    };
  }
  return failedOutcome('invalid_outcome', 'the operation returned no valid outcome');
}

/**
 * What a thrown error means for the record: an AppError keeps its code and message; anything
 * else is an internal error. Its message may be a driver's or a library's (a file path, a SQL
 * fragment), and the ledger is shown to clients, so the ledger gets a generic message naming
 * where to look, and the log gets the whole error with its stack.
 */
export function outcomeFromError(
  error: unknown,
  ref: RecordRef,
  aborted: boolean,
): OperationOutcome {
  if (isAppError(error)) {
    logger.warn({ ...ref, code: error.code }, 'run record failed');
    return failedOutcome(error.code, error.message);
  }
  if (aborted) {
    return failedOutcome(
      'aborted',
      'the operation stopped: the run was cancelled or its lease lost',
    );
  }
  logger.error({ ...ref, err: error }, 'run record failed unexpectedly');
  return failedOutcome('internal_error', internalErrorMessage(ref));
}

/** What the ledger says of an unexpected error: where the log has it, never what it was. */
export function internalErrorMessage(ref: RecordRef): string {
  return (
    `internal error; see the server log for run ${ref.runId}, ` +
    `client ${ref.clientId}, operation ${ref.operation}`
  );
}
