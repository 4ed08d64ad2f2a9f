import { describe, expect, it } from 'vitest';
import type { RecordStatus } from './run.ts';
import { deriveRunStatus, type RecordSummary } from './run-status.ts';

function record(
  status: RecordStatus,
  extra: Partial<Omit<RecordSummary, 'status'>> = {},
): RecordSummary {
  const started = status !== 'queued' && status !== 'skipped' && status !== 'cancelled';
  return { status, attempts: started ? 1 : 0, succeeded: 0, unresolvedFailures: 0, ...extra };
}

describe('deriveRunStatus', () => {
  it.each([
    ['nothing claimed yet', [record('queued'), record('queued')], 'queued'],
    ['nothing claimed, one skipped', [record('skipped'), record('queued')], 'queued'],
    ['one record running', [record('running'), record('queued')], 'running'],
    ['one finished, one queued', [record('succeeded'), record('queued')], 'running'],
    ['all succeeded', [record('succeeded'), record('succeeded')], 'succeeded'],
    ['succeeded and skipped', [record('succeeded'), record('skipped')], 'succeeded'],
    ['all skipped (BR-18)', [record('skipped'), record('skipped')], 'skipped'],
    ['no records at all', [], 'skipped'],
    ['all failed, nothing delivered', [record('failed'), record('failed')], 'failed'],
    ['all cancelled', [record('cancelled'), record('cancelled')], 'cancelled'],
    ['succeeded and cancelled', [record('succeeded'), record('cancelled')], 'cancelled'],
    ['succeeded and failed', [record('succeeded'), record('failed')], 'partially_failed'],
    ['skipped and failed', [record('skipped'), record('failed')], 'partially_failed'],
    ['cancelled and failed', [record('cancelled'), record('failed')], 'partially_failed'],
  ] as const)('%s → %s', (_name, records, expected) => {
    expect(deriveRunStatus([...records])).toBe(expected);
  });

  it('counts a succeeded record with unresolved item failures as a partial failure', () => {
    const records = [record('succeeded', { succeeded: 8, unresolvedFailures: 2 })];

    expect(deriveRunStatus(records)).toBe('partially_failed');
  });

  it('counts a failed record that delivered items as a partial failure (BR-17)', () => {
    const records = [record('failed', { succeeded: 16, unresolvedFailures: 1 })];

    expect(deriveRunStatus(records)).toBe('partially_failed');
  });

  it('is succeeded again once every item failure is resolved', () => {
    const records = [record('succeeded', { attempts: 2, succeeded: 25, unresolvedFailures: 0 })];

    expect(deriveRunStatus(records)).toBe('succeeded');
  });
});
