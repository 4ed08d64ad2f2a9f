import { z } from 'zod';
import type { TenantStore } from '../db/tenancy.ts';
import { isAppError } from '../errors.ts';
import { writeLeadInputs } from '../leads/lead-writer.ts';
import { parseDirtyJsonRows } from '../posts/dirty-json.ts';
import { Columns } from './csv-columns.ts';
import { type LeadInput, withInputWarnings } from './lead-input.ts';
import { removeNulCells } from './nul-characters.ts';
import { phantomBusterCsv } from './phantombuster-csv.ts';
import { importResultPosts, type ResultPostRow } from './phantombuster-posts.ts';
import type { DeliveryOutcome, WebhookSourceHandler } from './webhook-delivery.ts';

/**
 * A PhantomBuster agent's end-of-run notification: agentId, agentName, containerId, script,
 * exitCode, exitMessage and `resultObject`, the agent's result as a JSON string (often dirty:
 * trailing commas, raw line breaks, unescaped quotes; BR-20).
 */
const notificationSchema = z.looseObject({
  agentId: z.union([z.string(), z.number()]).nullish(),
  agentName: z.string().nullish(),
  containerId: z.union([z.string(), z.number()]).nullish(),
  script: z.string().nullish(),
  exitCode: z.number().nullish(),
  exitMessage: z.string().nullish(),
  resultObject: z.unknown(),
});

export interface RowFailure {
  /** Row number in the result, from 1. */
  row: number;
  code: string;
  reason: string;
}

export interface ResultRows {
  profiles: LeadInput[];
  /** Rows that are posts (activity results): the posts import reads them, not the lead writer. */
  posts: ResultPostRow[];
  failures: RowFailure[];
}

type Row = Record<string, unknown>;

function isPostRow(row: Row): boolean {
  return 'postUrl' in row || 'postContent' in row || 'activityUrl' in row;
}

function isHeaderOrErrorRow(row: Row): string | null {
  if (typeof row.error === 'string' && row.error !== '') return `error row: ${row.error}`;
  if (row.profileUrl === 'Profile URL') return 'the export header repeated as a row';
  return null;
}

function cellOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A profile row read by the same reader as PhantomBuster CSV exports, its keys as columns. */
function profileInput(row: Row, record: number): LeadInput | null {
  const columns = new Columns(Object.keys(row));
  if (!phantomBusterCsv.matches(columns)) return null;
  const cells = Object.values(row).map(cellOf);
  const removed = removeNulCells(cells, Object.keys(row));
  const input = phantomBusterCsv.reader(columns).read(cells, { record, line: 0 }, 'MDY');
  const warnings = [...removed, ...(input.warnings ?? [])];
  return { ...input, source: 'phantombuster', ...(warnings.length > 0 ? { warnings } : {}) };
}

/** Sorts the rows of a result into profiles, posts and failures, each failure with its row. */
export function readResultRows(rows: unknown[]): ResultRows {
  const result: ResultRows = { profiles: [], posts: [], failures: [] };
  rows.forEach((value, index) => {
    const row = index + 1;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      result.failures.push({ row, code: 'not_an_object', reason: 'the row is not an object' });
      return;
    }
    const dropped = isHeaderOrErrorRow(value as Row);
    if (dropped) {
      result.failures.push({ row, code: 'dropped_row', reason: dropped });
      return;
    }
    if (isPostRow(value as Row)) {
      result.posts.push({ row, value: value as Row });
      return;
    }
    const input = profileInput(value as Row, row);
    if (input) result.profiles.push(input);
    else result.failures.push({ row, code: 'unknown_row', reason: 'neither a profile nor a post' });
  });
  return result;
}

/** Why a result object yields no rows: it holds none, or it is not rows at all. */
export interface NoRows {
  ok: false;
  code: 'empty_result' | 'bad_payload';
  reason: string;
}

/** The text of a result object as rows; text that is not JSON rows at all is a bad payload. */
function dirtyRows(text: string): ReturnType<typeof parseDirtyJsonRows> | NoRows {
  try {
    return parseDirtyJsonRows(text);
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { ok: false, code: 'bad_payload', reason: `resultObject: ${error.message}` };
  }
}

/** The rows a result object carries, or why it carries none. */
export function resultObjectRows(
  resultObject: unknown,
): { ok: true; rows: unknown[]; unreadable: RowFailure[] } | NoRows {
  if (Array.isArray(resultObject)) return { ok: true, rows: resultObject, unreadable: [] };
  if (typeof resultObject !== 'string' || resultObject.trim() === '') {
    return { ok: false, code: 'empty_result', reason: 'the notification carries no result rows' };
  }

  const parsed = dirtyRows(resultObject);
  if ('ok' in parsed) return parsed;
  const rows: unknown[] = [];
  const unreadable: RowFailure[] = [];
  parsed.rows.forEach((entry, index) => {
    if (entry.ok) rows.push(entry.value);
    else unreadable.push({ row: index + 1, code: 'unreadable_row', reason: entry.reason });
  });
  return { ok: true, rows, unreadable };
}

async function processNotification(store: TenantStore, body: unknown): Promise<DeliveryOutcome> {
  const parsed = notificationSchema.safeParse(body);
  if (!parsed.success) {
    return { status: 'failed', code: 'bad_payload', message: 'not a PhantomBuster notification' };
  }
  const { agentId, containerId, exitCode, exitMessage, resultObject } = parsed.data;
  const run = { agentId: agentId ?? null, containerId: containerId ?? null };

  const carried = resultObjectRows(resultObject);
  if (!carried.ok) {
    const phantomFailed = exitCode !== undefined && exitCode !== null && exitCode !== 0;
    return phantomFailed
      ? { status: 'failed', code: 'phantom_failed', message: `the phantom ended: ${exitMessage}` }
      : { status: 'failed', code: carried.code, message: carried.reason, result: run };
  }

  const rows = readResultRows(carried.rows);
  const failures = [...carried.unreadable, ...rows.failures].sort((x, y) => x.row - y.row);
  // Profiles first, so that posts of people this result adds count as their leads' posts.
  const written =
    rows.profiles.length > 0 ? await writeLeadInputs(store, rows.profiles, 'phantombuster') : null;
  const where = `the PhantomBuster result of container ${run.containerId ?? 'unknown'}`;
  const posts = rows.posts.length > 0 ? await importResultPosts(store, rows.posts, where) : null;
  const result = {
    ...run,
    rows: carried.rows.length + carried.unreadable.length,
    profiles: rows.profiles.length,
    posts: rows.posts.length,
    failures,
    ...(written === null
      ? {}
      : { ...written, warnings: withInputWarnings(rows.profiles, written.warnings) }),
    ...(posts === null ? {} : { postsImport: posts.ok ? posts.report : posts }),
  };

  if (rows.profiles.length > 0 || posts?.ok) return { status: 'processed', result };
  if (posts) return { status: 'failed', code: posts.code, message: posts.message, result };
  return {
    status: 'failed',
    code: 'no_usable_row',
    message: `none of the ${result.rows} result rows is a profile or a post`,
    result,
  };
}

export const phantomBusterWebhookSource: WebhookSourceHandler = { process: processNotification };
