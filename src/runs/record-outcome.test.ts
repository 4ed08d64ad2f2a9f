import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { outcomeFromError } from './record-outcome.ts';

const ref = { runId: 'run_1', clientId: 'acme', operation: 'score-leads' };

describe('outcomeFromError', () => {
  it("records an unexpected error with a generic message, never the driver's words", () => {
    const outcome = outcomeFromError(new TypeError('datatype mismatch'), ref, false);

    expect(outcome).toEqual({
      status: 'failed',
      code: 'internal_error',
      message:
        'internal error; see the server log for run run_1, client acme, operation score-leads',
    });
  });

  it('keeps the code and message of a deliberate error, and names an aborted operation', () => {
    const deliberate = outcomeFromError(new AppError('rubric_missing', 'no rubric'), ref, false);
    const aborted = outcomeFromError(new Error('socket closed'), ref, true);

    expect(deliberate).toEqual({ status: 'failed', code: 'rubric_missing', message: 'no rubric' });
    expect(aborted).toEqual({
      status: 'failed',
      code: 'aborted',
      message: 'the operation stopped: the run was cancelled or its lease lost',
    });
  });
});
