import type { RunDetail } from '../runs/run.ts';
import type { RunLedger } from '../runs/run-ledger.ts';
import type { CliContext } from './context.ts';

// What `run` and `runs retry` say when the work they were asked for is held by someone else:
// another process working on the same run, or other runs holding every client. Either way this
// command did nothing, and a command that did nothing exits non-zero.

/** A lease's end as a person reads it, in UTC like every time the ledger prints: "17:20:05 UTC". */
export function leaseEnd(iso: string): string {
  return `${iso.slice(11, 19)} UTC`;
}

/**
 * "already running in another process (lease until …)" when other processes hold every record
 * of the run that is left to do; undefined when this process may work on some of it.
 */
export async function heldElsewhere(ledger: RunLedger, runId: string): Promise<string | undefined> {
  const work = await ledger.workLeft(runId);
  if (work.claimable > 0 || work.heldUntil === null) return undefined;
  return `already running in another process (lease until ${leaseEnd(work.heldUntil)})`;
}

/**
 * Says so and fails the command when every record was skipped because other runs hold it, with
 * the time their leases end: a holder whose process died is taken over by a run started after.
 */
async function noteAllAlreadyActive(
  ctx: CliContext,
  ledger: RunLedger,
  run: RunDetail,
): Promise<void> {
  const busy = run.records.filter((record) => record.errorCode === 'already_active');
  if (busy.length === 0 || run.records.some((record) => record.status !== 'skipped')) return;

  const holders: string[] = [];
  for (const runId of new Set(busy.map((record) => String(record.detail.activeRunId)))) {
    const { heldUntil } = await ledger.workLeft(runId);
    holders.push(heldUntil ? `${runId} (lease until ${leaseEnd(heldUntil)})` : runId);
  }
  const where = holders.length === 1 ? `run ${holders[0]}` : `runs ${holders.join(', ')}`;
  const first = String(busy[0]!.detail.activeRunId);
  ctx.note(
    `nothing was run: the work is already active in ${where}; follow it with \`leadbase runs show ${first}\``,
  );
  ctx.exitCode = 1;
}

/**
 * After this process worked through what it could of a run: fails the command when it did
 * nothing because other runs hold every client, or when another process still works on the run
 * (this process raced it for the records, or shares the run with it).
 */
export async function noteWorkHeldElsewhere(
  ctx: CliContext,
  ledger: RunLedger,
  run: RunDetail,
): Promise<void> {
  await noteAllAlreadyActive(ctx, ledger, run);
  const work = await ledger.workLeft(run.id);
  if (work.heldUntil === null) return;
  ctx.note(
    `run ${run.id} is still running in another process (lease until ${leaseEnd(work.heldUntil)})`,
  );
  ctx.exitCode = 1;
}
