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
 * else is an internal error whose message goes to the ledger and whose stack goes to the log.
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
  const message = error instanceof Error ? error.message : String(error);
  return failedOutcome('internal_error', message);
}
