import type { Kysely } from 'kysely';
import { nowIso } from '../clock.ts';
import type { TenantStore } from '../db/tenancy.ts';
import type { PostRubricVersionRow, TenantDatabase } from '../db/tenant-schema.ts';
import { type PostRubric, parsePostRubric } from './post-rubric.ts';

export interface PostRubricVersion {
  version: number;
  rubric: PostRubric;
  note: string | null;
  createdAt: string;
}

/** The settings key holding the current post rubric version. */
export const currentPostRubricKey = 'post_rubric.current';

function versionFromRow(row: PostRubricVersionRow): PostRubricVersion {
  return {
    version: row.version,
    // Validated when it was added; a version is never edited afterwards.
    rubric: JSON.parse(row.rubric) as PostRubric,
    note: row.note,
    createdAt: row.created_at,
  };
}

async function setCurrent(db: Kysely<TenantDatabase>, version: number): Promise<void> {
  const value = JSON.stringify(version);
  await db
    .insertInto('settings')
    .values({ key: currentPostRubricKey, value })
    .onConflict((conflict) => conflict.column('key').doUpdateSet({ value }))
    .execute();
}

/** Stores `rubric` as the next post rubric version and makes it current. */
export async function addPostRubricVersion(
  store: TenantStore,
  rubric: unknown,
  note?: string,
): Promise<PostRubricVersion> {
  const checked = parsePostRubric(rubric, `a new post rubric for client ${store.clientId}`);

  return store.dialect.writeTransaction(store.db, async (trx) => {
    const last = await trx
      .selectFrom('post_rubric_versions')
      .select((eb) => eb.fn.max('version').as('version'))
      .executeTakeFirst();
    const row: PostRubricVersionRow = {
      version: Number(last?.version ?? 0) + 1,
      rubric: JSON.stringify(checked),
      note: note?.trim() || null,
      created_at: nowIso(),
    };
    await trx.insertInto('post_rubric_versions').values(row).execute();
    await setCurrent(trx, row.version);
    return versionFromRow(row);
  });
}

/** The current post rubric, or undefined when the client has none yet. */
export async function currentPostRubric(
  store: TenantStore,
): Promise<PostRubricVersion | undefined> {
  const setting = await store.db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', currentPostRubricKey)
    .executeTakeFirst();
  if (!setting) return undefined;
  const row = await store.db
    .selectFrom('post_rubric_versions')
    .selectAll()
    .where('version', '=', Number(JSON.parse(setting.value)))
    .executeTakeFirst();
  return row ? versionFromRow(row) : undefined;
}

export async function listPostRubricVersions(store: TenantStore): Promise<PostRubricVersion[]> {
  const rows = await store.db
    .selectFrom('post_rubric_versions')
    .selectAll()
    .orderBy('version')
    .execute();
  return rows.map(versionFromRow);
}
