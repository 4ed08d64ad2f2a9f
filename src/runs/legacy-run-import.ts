import type { Stores } from '../db/tenancy.ts';
import { logger } from '../logger.ts';
import { resolveLegacyClients } from './legacy-run-clients.ts';
import { type LegacyClientRun, mergeLegacyRows } from './legacy-run-merge.ts';
import { type LegacyRowRejection, readLegacyRows } from './legacy-run-rows.ts';
import { type LegacyRunWrite, type LegacyRunWritten, writeLegacyRun } from './legacy-run-write.ts';

export interface LegacyImportOptions {
  /** Create the clients the registry does not have, instead of rejecting their rows. */
  createClients?: boolean;
}

/** A client run kept as imported but worth a person's look (a fallback ID, a near twin). */
export interface LegacyFlag {
  lines: number[];
  records: number[];
  run: string;
  clientId: string;
  reason: string;
}

/** What an import did; every row read is accounted for as imported, merged or rejected. */
export interface LegacyImportReport {
  fileName: string;
  rowsRead: number;
  /** (Legacy run, client) records the file holds after duplicates collapse. */
  clientRuns: number;
  /** Of those, the ones this import wrote; the rest were already in the ledger. */
  created: number;
  unchanged: number;
  /** Ledger records written: one per operation a client run did. */
  ledgerRecordsCreated: number;
  /** Rows that collapsed into the record of another row. */
  mergedRows: number;
  rejections: LegacyRowRejection[];
  flags: LegacyFlag[];
  clientsCreated: string[];
  /** Each legacy run and the ledger run that holds it. */
  runs: { legacyRun: string; runId: string }[];
}

function rejectRows(clientRun: LegacyClientRun, code: string, reason: string) {
  return clientRun.rows.map((row) => ({
    line: row.line,
    record: row.record,
    code,
    reason,
    runId: row.runId,
    clientId: row.clientId,
  }));
}

function flagsOf(clientRun: LegacyClientRun): LegacyFlag[] {
  return clientRun.flags.map((reason) => ({
    lines: clientRun.rows.map((row) => row.line),
    records: clientRun.rows.map((row) => row.record),
    run: clientRun.run,
    clientId: clientRun.clientId,
    reason,
  }));
}

/**
 * The client runs grouped by legacy run, in the order the file first names each run. Two
 * spellings of a client ID that the registry holds as one client (`Dana Whitfield` and
 * `Dana-Whitfield`) cannot both have a record of one run: the later is rejected, not merged.
 */
function byLegacyRun(
  clientRuns: LegacyClientRun[],
  clientIds: Map<string, string>,
  rejections: LegacyRowRejection[],
): LegacyRunWrite[] {
  const writes = new Map<string, LegacyRunWrite>();
  for (const clientRun of clientRuns) {
    const clientId = clientIds.get(clientRun.clientId.toLowerCase())!;
    const write = writes.get(clientRun.run) ?? { run: clientRun.run, clientRuns: [] };
    const twin = write.clientRuns.find((other) => other.clientId === clientId);
    if (twin) {
      const reason = `client ${clientRun.clientId} is client ${clientId}, whose record of run ${clientRun.run} comes from record ${twin.clientRun.rows[0]!.record} (client ${twin.clientRun.clientId})`;
      rejections.push(...rejectRows(clientRun, 'conflict', reason));
      continue;
    }
    write.clientRuns.push({ clientRun, clientId });
    writes.set(clientRun.run, write);
  }
  return [...writes.values()];
}

/**
 * Imports an export of the legacy per-client run-record table into the ledger: each row's run
 * ID parsed once into (run, client), duplicates collapsed, conflicts and unusable rows rejected
 * with line and reason, doubtful records flagged. Everything is written in one transaction, and
 * importing the same file again changes nothing.
 */
export async function importLegacyRuns(
  stores: Stores,
  text: string,
  fileName: string,
  options: LegacyImportOptions = {},
): Promise<LegacyImportReport> {
  const read = readLegacyRows(text, fileName);
  const merged = mergeLegacyRows(read.rows);
  const clients = await resolveLegacyClients(
    stores,
    merged.clientRuns,
    options.createClients === true,
  );

  const rejections = [...read.rejections, ...merged.rejections];
  const accepted: LegacyClientRun[] = [];
  for (const clientRun of merged.clientRuns) {
    const why = clients.unresolved.get(clientRun.clientId.toLowerCase());
    if (why === undefined) accepted.push(clientRun);
    else rejections.push(...rejectRows(clientRun, 'unknown_client', why));
  }

  const report: LegacyImportReport = {
    fileName,
    rowsRead: read.recordCount,
    clientRuns: 0,
    created: 0,
    unchanged: 0,
    ledgerRecordsCreated: 0,
    mergedRows: 0,
    rejections,
    flags: [],
    clientsCreated: clients.created,
    runs: [],
  };
  await stores.dialect.writeTransaction(stores.control, async (trx) => {
    for (const write of byLegacyRun(accepted, clients.clientIds, report.rejections)) {
      tally(report, write, await writeLegacyRun(trx, write));
    }
  });
  report.rejections.sort((a, b) => a.record - b.record);
  logger.info(
    { rows: report.rowsRead, created: report.created, rejected: report.rejections.length },
    'legacy run history imported',
  );
  return report;
}

/** An earlier import's records stay as they were; a later export's other values are shown. */
const differsFlag =
  'differs from what an earlier import stored (status, times or counters): left as it was';

function tally(report: LegacyImportReport, write: LegacyRunWrite, written: LegacyRunWritten) {
  const { runId, recordsAdded, differs } = written;
  if (runId === null) {
    const reason = `the ledger already holds a run under the key of legacy run ${write.run} that was not imported from the legacy system`;
    for (const { clientRun } of write.clientRuns) {
      report.rejections.push(...rejectRows(clientRun, 'conflict', reason));
    }
    return;
  }
  report.runs.push({ legacyRun: write.run, runId });
  for (const [index, { clientRun }] of write.clientRuns.entries()) {
    const added = recordsAdded[index] ?? 0;
    report.clientRuns += 1;
    report.mergedRows += clientRun.rows.length - 1;
    report.flags.push(...flagsOf(clientRun));
    // TODO(legacy re-export): merge a later export into the records an earlier import stored
    // (largest counters, earliest start, latest finish) – when exports are taken while the
    // legacy system still runs.
    if (differs[index]) report.flags.push(...flagsOf({ ...clientRun, flags: [differsFlag] }));
    report.ledgerRecordsCreated += added;
    // A client run is new when its records are; a later import finds them all in place.
    if (added > 0) report.created += 1;
    else report.unchanged += 1;
  }
}
