import { describe, expect, it } from 'vitest';
import type { LegacyClientRun } from './legacy-run-merge.ts';
import { legacyOperations, legacyRecordRows } from './legacy-run-records.ts';

function clientRun(overrides: Partial<LegacyClientRun>): LegacyClientRun {
  return {
    run: '250101-020000',
    clientId: 'Ada',
    clientName: 'Ada',
    stream: null,
    rows: [],
    spellings: ['timestamp'],
    status: 'succeeded',
    error: null,
    started: '2025-01-01T02:00:00.000Z',
    finished: '2025-01-01T02:05:00.000Z',
    counters: {},
    apifyRunId: null,
    flags: [],
    ...overrides,
  };
}

describe('legacy client runs as ledger records', () => {
  it('makes one record per operation the legacy counters show', () => {
    expect(legacyOperations(clientRun({ counters: { postsExamined: 0 } }))).toEqual([
      'score-posts',
    ]);
    expect(legacyOperations(clientRun({ apifyRunId: 'AAAAAAAAAAAAAAAAA' }))).toEqual([
      'harvest-posts',
    ]);
    expect(
      legacyOperations(clientRun({ counters: { profilesScored: 1, postsHarvested: 2 } })),
    ).toEqual(['score-leads', 'harvest-posts']);
  });

  it('records a legacy run that counted nothing as lead scoring with zero counters', () => {
    const rows = legacyRecordRows(clientRun({}), 'run_1', 'ada');

    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      run_id: 'run_1',
      client_id: 'ada',
      operation: 'score-leads',
      status: 'succeeded',
      examined: 0,
      succeeded: 0,
      tokens: 0,
      cost: 0,
      queued_at: '2025-01-01T02:00:00.000Z',
      lease_owner: null,
    });
  });

  it('puts each legacy counter on its operation: tokens on scoring, the Apify cost on harvesting', () => {
    const rows = legacyRecordRows(
      clientRun({
        counters: {
          profilesExamined: 5,
          profilesScored: 4,
          profileTokens: 700,
          profilesSubmittedForHarvest: 3,
          postsHarvested: 9,
          apifyCost: 0.25,
          postsExamined: 9,
          postsScored: 8,
          postTokens: 90,
        },
      }),
      'run_1',
      'ada',
    );

    expect(
      rows.map((row) => [row.operation, row.examined, row.succeeded, row.tokens, row.cost]),
    ).toEqual([
      ['score-leads', 5, 4, 700, 0],
      ['harvest-posts', 3, 0, 0, 0.25],
      ['score-posts', 9, 8, 90, 0],
    ]);
  });
});
