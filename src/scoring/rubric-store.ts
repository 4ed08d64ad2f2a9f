import type { Kysely } from 'kysely';
import { nowIso } from '../clock.ts';
import type { TenantStore } from '../db/tenancy.ts';
import type { RubricVersionRow, TenantDatabase } from '../db/tenant-schema.ts';
import { AppError } from '../errors.ts';
import { parseRubric, type Rubric } from './rubric.ts';

export interface RubricVersion {
  version: number;
  rubric: Rubric;
  note: string | null;
  createdAt: string;
}

/** The settings key holding the current version number, so activating one is a single write. */
export const currentRubricKey = 'rubric.current';

function rubricVersionFromRow(row: RubricVersionRow): RubricVersion {
  return {
    version: row.version,
    // Validated when it was added; a version is never edited afterwards.
    rubric: JSON.parse(row.rubric) as Rubric,
    note: row.note,
    createdAt: row.created_at,
  };
}

async function setCurrent(db: Kysely<TenantDatabase>, version: number): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key: currentRubricKey, value: JSON.stringify(version) })
    .onConflict((conflict) =>
      conflict.column('key').doUpdateSet({ value: JSON.stringify(version) }),
    )
    .execute();
}

/** Stores `rubric` as the next version (1, 2, …) and makes it current. Versions are immutable. */
export async function addRubricVersion(
  store: TenantStore,
  rubric: Rubric,
  note?: string,
): Promise<RubricVersion> {
  const checked = parseRubric(rubric, `a new rubric version for client ${store.clientId}`);

  return store.dialect.writeTransaction(store.db, async (trx) => {
    const last = await trx
      .selectFrom('rubric_versions')
      .select((eb) => eb.fn.max('version').as('version'))
      .executeTakeFirst();
    const row: RubricVersionRow = {
      version: Number(last?.version ?? 0) + 1,
      rubric: JSON.stringify(checked),
      note: note?.trim() || null,
      created_at: nowIso(),
    };
    await trx.insertInto('rubric_versions').values(row).execute();
    await setCurrent(trx, row.version);
    return rubricVersionFromRow(row);
  });
}

export async function findRubricVersion(
  store: TenantStore,
  version: number,
): Promise<RubricVersion | undefined> {
  const row = await store.db
    .selectFrom('rubric_versions')
    .selectAll()
    .where('version', '=', version)
    .executeTakeFirst();
  return row ? rubricVersionFromRow(row) : undefined;
}

export async function getRubricVersion(
  store: TenantStore,
  version: number,
): Promise<RubricVersion> {
  const found = await findRubricVersion(store, version);
  if (!found) {
    throw new AppError('not_found', `client ${store.clientId} has no rubric version ${version}`, {
      details: { clientId: store.clientId, version },
    });
  }
  return found;
}

/** The version scoring uses now; undefined while the client has no rubric. */
export async function currentRubric(store: TenantStore): Promise<RubricVersion | undefined> {
  const setting = await store.db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', currentRubricKey)
    .executeTakeFirst();
  if (!setting) return undefined;
  return getRubricVersion(store, Number(JSON.parse(setting.value)));
}

/** Every version, oldest first. */
export async function listRubricVersions(store: TenantStore): Promise<RubricVersion[]> {
  const rows = await store.db
    .selectFrom('rubric_versions')
    .selectAll()
    .orderBy('version')
    .execute();
  return rows.map(rubricVersionFromRow);
}

/** Makes an existing version current again (a rollback); leads scored by another get rescored. */
export async function activateRubricVersion(
  store: TenantStore,
  version: number,
): Promise<RubricVersion> {
  const found = await getRubricVersion(store, version);
  await setCurrent(store.db, version);
  return found;
}
