import type { Run, RunDetail, RunRecord } from '../runs/run.ts';
import { formatTable } from './table.ts';

/** How long a record took, for people: "420 ms", "3.2 s", "2 min 5 s". */
export function formatDuration(record: Pick<RunRecord, 'startedAt' | 'finishedAt'>): string {
  if (!record.startedAt || !record.finishedAt) return '–';
  const ms = Date.parse(record.finishedAt) - Date.parse(record.startedAt);
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

function note(record: RunRecord): string {
  if (!record.errorCode) return '';
  return `${record.errorCode}: ${record.errorMessage ?? ''}`.trim();
}

/** One line per (client, operation) record: the run record as a person reads it. */
export function recordLines(records: RunRecord[]): string[] {
  return formatTable<RunRecord>(
    [
      { header: 'CLIENT', value: (record) => record.clientId },
      { header: 'OPERATION', value: (record) => record.operation },
      { header: 'STATUS', value: (record) => record.status },
      {
        header: 'EXAMINED/SUCCEEDED/FAILED/SKIPPED',
        value: (r) => `${r.examined}/${r.succeeded}/${r.failed}/${r.skipped}`,
        align: 'right',
      },
      { header: 'DURATION', value: formatDuration, align: 'right' },
      { header: 'NOTE', value: note },
    ],
    records,
  );
}

export function runHeadline(run: Run): string {
  const key = run.idempotencyKey ? `, key ${run.idempotencyKey}` : '';
  const finished = run.finishedAt ? `, finished ${run.finishedAt}` : '';
  return `run ${run.id}: ${run.status} (${run.trigger}${key}, created ${run.createdAt}${finished})`;
}

/** The per-item failures of a run, resolved ones marked, or nothing when there are none. */
export function failureLines(run: RunDetail): string[] {
  const rows = run.records.flatMap((record) =>
    record.failures.map((failure) => ({ record, failure })),
  );
  if (rows.length === 0) return [];
  return [
    '',
    'failed items:',
    ...formatTable(
      [
        { header: 'CLIENT', value: (row) => row.record.clientId },
        { header: 'OPERATION', value: (row) => row.record.operation },
        { header: 'ITEM', value: (row) => row.failure.itemId },
        { header: 'CODE', value: (row) => row.failure.code },
        { header: 'ATTEMPTS', value: (row) => String(row.failure.attempts), align: 'right' },
        { header: 'RESOLVED', value: (row) => (row.failure.resolved ? 'yes' : 'no') },
        { header: 'MESSAGE', value: (row) => row.failure.message, maxWidth: 60 },
      ],
      rows,
    ),
  ];
}

/** A run that ends like this did not do what was asked: the command exits non-zero. */
export function runFailed(run: Run): boolean {
  return run.status === 'failed' || run.status === 'partially_failed';
}
