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

/** How to leave a broken rubric behind: a sound version made current. */
const recovery = (clientId: string) =>
  `import the rubric again (leadbase rubric import <file> --client ${clientId}) or activate a sound version`;

/**
 * The rubric of a stored version, checked again: it was validated when added, but a store can
 * be edited by hand or restored from elsewhere, and scoring must never run on a broken rubric.
 */
function storedRubric(row: RubricVersionRow, clientId: string): Rubric {
  const where = `rubric version ${row.version} of client ${clientId}`;
  let value: unknown;
  try {
    value = JSON.parse(row.rubric);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError(
      'rubric_invalid',
      `${where} is stored as broken JSON (${reason}): ${recovery(clientId)}`,
      { details: { clientId, version: row.version } },
    );
  }
  return parseRubric(value, where);
}

function rubricVersionFromRow(row: RubricVersionRow, clientId: string): RubricVersion {
  return {
    version: row.version,
    rubric: storedRubric(row, clientId),
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
    return { version: row.version, rubric: checked, note: row.note, createdAt: row.created_at };
  });
}

/** JSON with object keys sorted, so that two equal rubrics read the same whatever their order. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : 1)))
      : item,
  );
}

/**
 * Adds `rubric` as a new version unless it equals the current one (defaults filled in, key order
 * aside): importing the same file twice makes no version and leaves every score standing.
 */
export async function addRubricVersionIfChanged(
  store: TenantStore,
  rubric: Rubric,
  note?: string,
): Promise<{ version: RubricVersion; added: boolean }> {
  const checked = parseRubric(rubric, `a new rubric version for client ${store.clientId}`);
  // A broken current version is what a new import repairs: it compares as different.
  const current = await currentRubric(store).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'rubric_invalid') return undefined;
    throw error;
  });
  if (current && canonicalJson(current.rubric) === canonicalJson(checked)) {
    return { version: current, added: false };
  }
  return { version: await addRubricVersion(store, checked, note), added: true };
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
  return row ? rubricVersionFromRow(row, store.clientId) : undefined;
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
  const version = currentVersionNumber(setting.value);
  const found = version === null ? undefined : await findRubricVersion(store, version);
  if (!found) {
    throw new AppError(
      'rubric_invalid',
      `the setting ${currentRubricKey} of client ${store.clientId} holds ${setting.value === '' ? 'nothing' : setting.value.slice(0, 40)}, which names no stored rubric version: ${recovery(store.clientId)}`,
      { details: { clientId: store.clientId, setting: currentRubricKey } },
    );
  }
  return found;
}

/** The version number a `rubric.current` setting holds, or null when it holds none. */
function currentVersionNumber(value: string): number | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return null;
  }
  return Number.isSafeInteger(parsed) && (parsed as number) > 0 ? (parsed as number) : null;
}

/** Every version, oldest first. */
export async function listRubricVersions(store: TenantStore): Promise<RubricVersion[]> {
  const rows = await store.db
    .selectFrom('rubric_versions')
    .selectAll()
    .orderBy('version')
    .execute();
  return rows.map((row) => rubricVersionFromRow(row, store.clientId));
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
