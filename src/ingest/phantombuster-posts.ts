import type { TenantStore } from '../db/tenancy.ts';
import { isAppError } from '../errors.ts';
import { importPostsBody, type PostImportReport } from '../posts/posts-import.ts';

/** A post row of a PhantomBuster result, with its row number in the result (from 1). */
export interface ResultPostRow {
  row: number;
  value: Record<string, unknown>;
}

export type ResultPosts =
  | { ok: true; report: PostImportReport }
  | { ok: false; code: 'no_usable_post'; message: string };

/** The report with each rejection numbered as a row of the whole result, not of its posts. */
function renumbered(report: PostImportReport, rows: ResultPostRow[]): PostImportReport {
  const rejections = report.rejections.map((rejection) => ({
    ...rejection,
    record: rows[rejection.record - 1]?.row ?? rejection.record,
  }));
  return { ...report, rejections };
}

/**
 * The post rows of an activity result through the posts import, as `leadbase posts import`
 * reads a result file. Stored posts merge by activity ID, so a replay changes nothing.
 */
export async function importResultPosts(
  store: TenantStore,
  rows: ResultPostRow[],
  where: string,
): Promise<ResultPosts> {
  try {
    const values = rows.map((row) => row.value);
    const report = await importPostsBody(store, values, where, { format: 'phantombuster' });
    return { ok: true, report: renumbered(report, rows) };
  } catch (error) {
    if (!isAppError(error) || error.code !== 'empty_import') throw error;
    return { ok: false, code: 'no_usable_post', message: error.message };
  }
}
