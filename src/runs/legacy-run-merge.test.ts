import { describe, expect, it } from 'vitest';
import { mergeLegacyRows } from './legacy-run-merge.ts';
import { readLegacyRows } from './legacy-run-rows.ts';

const header =
  'Run ID,Client ID,Client Name,Start Time,End Time,Status,Profiles Examined for Scoring,Profiles Successfully Scored,Apify Run ID,System Notes';

function merge(...rows: string[]) {
  const read = readLegacyRows(`${[header, ...rows].join('\r\n')}\r\n`, 'x.csv');
  return { read, ...mergeLegacyRows(read.rows) };
}

describe('mergeLegacyRows', () => {
  it('takes the largest counters, the earliest start and the latest finish, never a sum', () => {
    const { clientRuns } = merge(
      'SR-250101-001-CAda,Ada,Ada,2025-01-01T02:00:10Z,2025-01-01T02:05:00Z,Running,10,4,,',
      'SR-250101-001-CAda-CAda,Ada,Ada,2025-01-01T02:00:00Z,2025-01-01T02:09:00Z,Completed,8,7,,',
      'SR-250101-001-CCAda,Ada,Ada,2025-01-01T02:01:00Z,,Running,,,,',
    );

    expect(clientRuns).toHaveLength(1);
    expect(clientRuns[0]).toMatchObject({
      run: 'SR-250101-001',
      status: 'succeeded',
      error: null,
      started: '2025-01-01T02:00:00.000Z',
      finished: '2025-01-01T02:09:00.000Z',
      counters: { profilesExamined: 10, profilesScored: 7 },
      flags: [],
    });
    expect(clientRuns[0]?.rows.map((row) => row.record)).toEqual([1, 2, 3]);
  });

  it('rejects a row that states another stream or Apify run for the same record', () => {
    const { clientRuns, rejections } = merge(
      'SR-250101-001-S1-CAda,Ada,Ada,2025-01-01T02:00:00Z,,Completed,1,1,AAAAAAAAAAAAAAAAA,',
      'SR-250101-001-S2-CAda,Ada,Ada,2025-01-01T02:00:00Z,,Completed,1,1,,',
      'SR-250101-001-CAda,Ada,Ada,2025-01-01T02:00:00Z,,Completed,1,1,BBBBBBBBBBBBBBBBB,',
    );

    expect(clientRuns.map((run) => run.rows.length)).toEqual([1]);
    expect(rejections.map((r) => [r.record, r.code, r.reason])).toEqual([
      [2, 'conflict', 'run ID states stream 2 but record 1 of the same run states stream 1'],
      [
        3,
        'conflict',
        'Apify Run ID BBBBBBBBBBBBBBBBB differs from AAAAAAAAAAAAAAAAA recorded for the same run and client',
      ],
    ]);
  });

  it('refuses to guess between two runs of one client naming the same Apify run', () => {
    const { clientRuns, rejections } = merge(
      'SR-250101-001-CAda,Ada,Ada,2025-01-01T02:00:00Z,,Completed,1,1,AAAAAAAAAAAAAAAAA,',
      'SR-250102-001-CAda,Ada,Ada,2025-01-02T02:00:00Z,,Completed,1,1,AAAAAAAAAAAAAAAAA,',
      'AAAAAAAAAAAAAAAAA-Ada,Ada,Ada,2025-01-02T02:01:00Z,,Running,,,AAAAAAAAAAAAAAAAA,',
    );

    expect(clientRuns).toHaveLength(2);
    expect(rejections.map((r) => r.reason)).toEqual([
      'Apify run AAAAAAAAAAAAAAAAA: records of several runs of client Ada name it (SR-250101-001, SR-250102-001)',
    ]);
  });

  it('fails a record with an Error row, quoting its notes, and flags near twins only', () => {
    const { clientRuns } = merge(
      '250101-020000-Ada,Ada,Ada,2025-01-01T02:00:00Z,2025-01-01T02:01:00Z,Completed,1,1,,',
      '250101-020005,Ada,Ada,2025-01-01T02:00:05Z,2025-01-01T02:01:00Z,Error,1,0,,"model down"',
      '250101-020011,Ada,Ada,2025-01-01T02:00:11Z,2025-01-01T02:01:00Z,Completed,1,1,,',
      '250101-020000-Bo,Bo,Bo,2025-01-01T02:00:00Z,2025-01-01T02:01:00Z,Completed,1,1,,',
    );

    expect(clientRuns.map((run) => [run.run, run.clientId, run.status, run.flags])).toEqual([
      ['250101-020000', 'Ada', 'succeeded', []],
      [
        '250101-020005',
        'Ada',
        'failed',
        [
          'possible duplicate of run 250101-020000 for the same client (started 5 s apart); kept apart, not merged by guess',
        ],
      ],
      ['250101-020011', 'Ada', 'succeeded', []],
      ['250101-020000', 'Bo', 'succeeded', []],
    ]);
    expect(clientRuns[1]?.error).toEqual({
      code: 'legacy_error',
      message: 'the legacy system recorded an error: model down',
    });
  });
});

describe('readLegacyRows', () => {
  it('numbers lines as the file has them, quoted line breaks and blank lines included', () => {
    const { read } = merge(
      'SR-250101-001-CAda,Ada,Ada,2025-01-01T02:00:00Z,,Completed,1,1,,"two\r\nlines"',
      '',
      ',Ada,Ada,2025-01-01T02:00:00Z,,Completed,1,1,,',
    );

    expect(read.recordCount).toBe(2);
    expect(read.rows[0]).toMatchObject({ line: 2, record: 1, notes: 'two\r\nlines' });
    expect(read.rejections).toMatchObject([{ line: 5, record: 2, reason: 'no run ID' }]);
  });

  it('refuses a file that is not CSV, saying where it breaks', () => {
    expect(() => readLegacyRows(`${header}\n"SR-250101-001,Ada\n`, 'x.csv')).toThrow(
      /^x\.csv is not readable CSV/,
    );
    expect(() => readLegacyRows('', 'empty.csv')).toThrow(
      'empty.csv is empty: it has no header row',
    );
  });
});
