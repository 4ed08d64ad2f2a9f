import type { Kysely } from 'kysely';
import { mintRunId } from '../runs/run-creation.ts';
import type { ArchiveValue } from './client-archive-format.ts';
import type { AnyDatabase } from './client-archive-pages.ts';
import { ArchiveRows } from './client-archive-reader.ts';

/** Run IDs looked up per query, far below any engine's limit on bound parameters. */
const lookupSlice = 500;

/** The IDs of the runs an archive holds, read from its control rows. */
async function archivedRunIds(path: string): Promise<string[]> {
  const rows = new ArchiveRows(path);
  try {
    const ids: string[] = [];
    for (let line = await rows.next(); line; line = await rows.next()) {
      if (line.store === 'control' && line.table === 'runs') ids.push(String(line.row.id));
    }
    return ids;
  } finally {
    await rows.close();
  }
}

/**
 * The IDs the archive's runs are restored under. A run the target lacks keeps its ID. A run the
 * target already has is another run there (another client's, or the original of a copy made
 * with --as), unless it holds records of this very client (kept when the client was deleted):
 * the restored client's records never join it; its run is restored as one of its own, under a
 * freshly minted ID, and every reference to it, in the client's store too, follows.
 */
export class RestoredRunIds {
  private constructor(private readonly renamed: ReadonlyMap<string, string>) {}

  static async plan(
    control: Kysely<AnyDatabase>,
    path: string,
    clientId: string,
  ): Promise<RestoredRunIds> {
    const archived = await archivedRunIds(path);
    const renamed = new Map<string, string>();
    for (let start = 0; start < archived.length; start += lookupSlice) {
      const slice = archived.slice(start, start + lookupSlice);
      const held = await control.selectFrom('runs').select('id').where('id', 'in', slice).execute();
      if (held.length === 0) continue;
      const own = await control
        .selectFrom('run_records')
        .select('run_id')
        .distinct()
        .where('run_id', 'in', slice)
        .where('client_id', '=', clientId)
        .execute();
      const ownIds = new Set(own.map((row) => String(row.run_id)));
      for (const { id } of held) {
        if (!ownIds.has(String(id))) renamed.set(String(id), mintRunId());
      }
    }
    return new RestoredRunIds(renamed);
  }

  /** The ID an archived run ID is restored under. */
  of(runId: ArchiveValue | undefined): ArchiveValue {
    if (runId === undefined || runId === null) return null;
    return this.renamed.get(String(runId)) ?? runId;
  }

  /** Whether the archived run is restored under a new ID, as a run of its own. */
  private isRenamed(runId: ArchiveValue | undefined): boolean {
    return runId !== undefined && runId !== null && this.renamed.has(String(runId));
  }

  /** A row with a `run_id` column (a score, a harvest), referring to the run as restored. */
  follow(row: Record<string, ArchiveValue>): Record<string, ArchiveValue> {
    if (!('run_id' in row) || !this.isRenamed(row.run_id)) return row;
    return { ...row, run_id: this.of(row.run_id) };
  }
}
