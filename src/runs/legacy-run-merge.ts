import {
  type LegacyApifyRef,
  type LegacyRunRef,
  type LegacySpelling,
  parseLegacyRunId,
} from './legacy-run-id.ts';
import type {
  LegacyCounter,
  LegacyCounters,
  LegacyRow,
  LegacyRowRejection,
} from './legacy-run-rows.ts';

export type LegacyRecordStatus = 'succeeded' | 'failed' | 'skipped';

/** One (legacy run, client): every row that recorded it, collapsed by the merge rules. */
export interface LegacyClientRun {
  run: string;
  /** The client as the Client ID column spells it (the first row's spelling). */
  clientId: string;
  clientName: string;
  stream: string | null;
  rows: LegacyRow[];
  spellings: LegacySpelling[];
  status: LegacyRecordStatus;
  /** Why a record is not a success, in the words of a ledger error: code and message. */
  error: { code: string; message: string } | null;
  started: string;
  finished: string | null;
  counters: LegacyCounters;
  apifyRunId: string | null;
  /** What a person should check: kept as imported, never merged or dropped by guess. */
  flags: string[];
}

export interface LegacyMerge {
  clientRuns: LegacyClientRun[];
  rejections: LegacyRowRejection[];
}

/** Two runs of one client started this close together may be one run written twice. */
const possibleDuplicateMs = 5_000;

interface Group {
  ref: LegacyRunRef;
  clientKey: string;
  rows: LegacyRow[];
  spellings: LegacySpelling[];
}

function reject(row: LegacyRow, code: string, reason: string): LegacyRowRejection {
  return {
    line: row.line,
    record: row.record,
    code,
    reason,
    runId: row.runId,
    clientId: row.clientId,
  };
}

const clientKey = (clientId: string) => clientId.toLowerCase();

/** A row that disagrees with what earlier rows of its group stated is a conflict. */
function disagreement(group: Group, row: LegacyRow, ref: LegacyRunRef): string | undefined {
  const first = group.rows[0]!;
  if (ref.stream !== null && group.ref.stream !== null && ref.stream !== group.ref.stream) {
    return `run ID states stream ${ref.stream} but record ${first.record} of the same run states stream ${group.ref.stream}`;
  }
  const apify = group.rows.find((other) => other.apifyRunId !== null)?.apifyRunId;
  if (row.apifyRunId !== null && apify !== undefined && row.apifyRunId !== apify) {
    return `Apify Run ID ${row.apifyRunId} differs from ${apify} recorded for the same run and client`;
  }
  return undefined;
}

function addToGroup(groups: Map<string, Group>, row: LegacyRow, ref: LegacyRunRef) {
  const key = `${ref.run}\u0000${clientKey(row.clientId)}`;
  const group = groups.get(key);
  if (!group) {
    const spellings = [ref.spelling];
    groups.set(key, { ref, clientKey: clientKey(row.clientId), rows: [row], spellings });
    return undefined;
  }
  const conflict = disagreement(group, row, ref);
  if (conflict) return reject(row, 'conflict', conflict);
  group.rows.push(row);
  if (group.ref.stream === null) group.ref = { ...group.ref, stream: ref.stream };
  if (!group.spellings.includes(ref.spelling)) group.spellings.push(ref.spelling);
  return undefined;
}

/** An Apify-spelled row joins the record of its client whose Apify Run ID column names it. */
function attachApifyRow(groups: Group[], row: LegacyRow, ref: LegacyApifyRef) {
  if (row.apifyRunId !== null && row.apifyRunId !== ref.apifyRunId) {
    return reject(
      row,
      'conflict',
      `run ID names Apify run ${ref.apifyRunId} but the Apify Run ID column says ${row.apifyRunId}`,
    );
  }
  const owners = groups.filter(
    (group) =>
      group.clientKey === clientKey(row.clientId) &&
      group.rows.some((other) => other.apifyRunId === ref.apifyRunId),
  );
  if (owners.length !== 1) {
    const why =
      owners.length === 0
        ? `no record of client ${row.clientId} names it in its Apify Run ID column`
        : `records of several runs of client ${row.clientId} name it (${owners.map((o) => o.ref.run).join(', ')})`;
    return reject(row, 'unattributed_apify_run', `Apify run ${ref.apifyRunId}: ${why}`);
  }
  owners[0]!.rows.push(row);
  if (!owners[0]!.spellings.includes('apify')) owners[0]!.spellings.push('apify');
  return undefined;
}

function mergeCounters(rows: LegacyRow[]): LegacyCounters {
  const merged: LegacyCounters = {};
  for (const row of rows) {
    for (const [counter, value] of Object.entries(row.counters)) {
      const name = counter as LegacyCounter;
      // Legacy writers overwrote cumulative values: the largest is the truest, never the sum.
      merged[name] = Math.max(merged[name] ?? 0, value);
    }
  }
  return merged;
}

function mergeStatus(rows: LegacyRow[]): Pick<LegacyClientRun, 'status' | 'error'> {
  const failedRow = rows.find((row) => row.status === 'failed');
  if (failedRow) {
    const said = failedRow.notes === '' ? '' : `: ${failedRow.notes}`;
    const message = `the legacy system recorded an error${said}`;
    return { status: 'failed', error: { code: 'legacy_error', message } };
  }
  if (rows.some((row) => row.status === 'succeeded')) return { status: 'succeeded', error: null };
  if (rows.every((row) => row.status === 'skipped')) {
    return {
      status: 'skipped',
      error: { code: 'legacy_skipped', message: 'skipped in the legacy system' },
    };
  }
  // A record none of whose rows finished is not running now: it never finished.
  return {
    status: 'failed',
    error: { code: 'legacy_unfinished', message: 'never finished in the legacy system' },
  };
}

/** The first of ISO-8601 UTC times, which sort as text. */
function earliest(times: string[]): string {
  return [...times].sort()[0]!;
}

function mergeGroup(group: Group): LegacyClientRun {
  const rows = [...group.rows].sort((a, b) => a.record - b.record);
  const finishedTimes = rows.flatMap((row) => (row.finished === null ? [] : [row.finished]));
  return {
    run: group.ref.run,
    clientId: rows[0]!.clientId,
    clientName: rows.find((row) => row.clientName !== '')?.clientName ?? '',
    stream: group.ref.stream,
    rows,
    spellings: group.spellings,
    ...mergeStatus(rows),
    started: earliest(rows.map((row) => row.started)),
    finished: finishedTimes.length === 0 ? null : finishedTimes.sort().at(-1)!,
    counters: mergeCounters(rows),
    apifyRunId: rows.find((row) => row.apifyRunId !== null)?.apifyRunId ?? null,
    flags: group.ref.spelling === 'fallback' ? ['fallback run ID'] : [],
  };
}

function describeGap(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds === 0 ? 'started within the same second' : `started ${seconds} s apart`;
}

/** Flags the later of two runs of one client that started too close together to be sure. */
function flagPossibleDuplicates(clientRuns: LegacyClientRun[]): void {
  const byClient = new Map<string, LegacyClientRun[]>();
  for (const clientRun of clientRuns) {
    const key = clientKey(clientRun.clientId);
    byClient.set(key, [...(byClient.get(key) ?? []), clientRun]);
  }
  for (const runs of byClient.values()) {
    runs.sort((a, b) => a.started.localeCompare(b.started));
    for (const [index, later] of runs.entries()) {
      const earlier = runs[index - 1];
      if (!earlier) continue;
      const gap = Date.parse(later.started) - Date.parse(earlier.started);
      if (gap > possibleDuplicateMs) continue;
      later.flags.push(
        `possible duplicate of run ${earlier.run} for the same client (${describeGap(gap)}); kept apart, not merged by guess`,
      );
    }
  }
}

/**
 * Parses every row's run ID once and collapses the rows of one (legacy run, client) into one
 * client run. Rows whose ID cannot be parsed or that contradict their group are rejected with
 * their line and reason; nothing is merged on a guess.
 */
export function mergeLegacyRows(rows: LegacyRow[]): LegacyMerge {
  const groups = new Map<string, Group>();
  const apifyRows: { row: LegacyRow; ref: LegacyApifyRef }[] = [];
  const rejections: LegacyRowRejection[] = [];

  for (const row of rows) {
    const parsed = parseLegacyRunId(row.runId, row.clientId);
    if (!parsed.ok) rejections.push(reject(row, parsed.code, parsed.reason));
    else if (parsed.ref.kind === 'apify') apifyRows.push({ row, ref: parsed.ref });
    else {
      const rejected = addToGroup(groups, row, parsed.ref);
      if (rejected) rejections.push(rejected);
    }
  }

  for (const { row, ref } of apifyRows) {
    const rejected = attachApifyRow([...groups.values()], row, ref);
    if (rejected) rejections.push(rejected);
  }

  const clientRuns = [...groups.values()].map(mergeGroup);
  flagPossibleDuplicates(clientRuns);
  rejections.sort((a, b) => a.record - b.record);
  return { clientRuns, rejections };
}
