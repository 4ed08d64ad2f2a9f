import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { AppError } from '../errors.ts';
import type { ControlDatabase } from './control-schema.ts';
import { controlMigrations } from './migrations/control.ts';
import { tenantMigrations } from './migrations/tenant.ts';
import { migrate } from './migrator.ts';
import { serverDialect } from './postgres.ts';
import { checkedSchemaPrefix, controlSchemaName, tenantSchemaName } from './schema-names.ts';
import type { OpenedStore, StoreEngine } from './store-engine.ts';
import type { TenantDatabase } from './tenant-schema.ts';

const int8Oid = 20;
const numericOid = 1700;

/**
 * count(*) and sums come back as int8 and numeric, which pg hands over as strings by default;
 * features expect numbers, as SQLite gives them. Set on this pool only, not on pg's globals.
 */
const numberTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === int8Oid || oid === numericOid) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  }) as pg.CustomTypesConfig['getTypeParser'],
};

function describeDatabase(databaseUrl: string): string {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new AppError(
      'bad_request',
      'DATABASE_URL is not a URL like postgres://user@host:5432/db',
    );
  }
  const name = url.pathname.slice(1) || '(default)';
  return `PostgreSQL database ${name} at ${url.host || 'the local socket'}`;
}

export interface ServerEngineOptions {
  databaseUrl: string;
  schemaPrefix?: string;
  /** Connections the pool may hold at once. */
  poolSize?: number;
}

/**
 * One PostgreSQL database: a control schema and one schema per client, all through one pool.
 * A client's store is the shared Kysely bound to its schema (`withSchema`), so no connection
 * ever carries a schema setting from one client's query into another's.
 */
export class ServerEngine implements StoreEngine {
  readonly kind = 'postgres';
  private readonly pool: pg.Pool;
  private readonly root: Kysely<unknown>;
  private readonly prefix: string;
  private readonly controlSchema: string;
  /** The database as errors name it: host, port and name, never the credentials. */
  private readonly where: string;

  constructor(options: ServerEngineOptions) {
    this.where = describeDatabase(options.databaseUrl);
    this.prefix = checkedSchemaPrefix(options.schemaPrefix);
    this.controlSchema = controlSchemaName(this.prefix);
    this.pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      types: numberTypes,
    });
    // An idle connection the server closes (restart, timeout) is dropped from the pool and the
    // next query opens another; without a listener the error would end the process.
    this.pool.on('error', () => undefined);
    this.root = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: this.pool }) });
  }

  async openControl(): Promise<OpenedStore<ControlDatabase>> {
    const dialect = serverDialect({
      schema: this.controlSchema,
      controlSchema: this.controlSchema,
    });
    try {
      await migrate(this.root, dialect, controlMigrations(dialect));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new AppError(
        'store_unavailable',
        `the control store in ${this.where} cannot be opened: ${reason}`,
        { cause: error },
      );
    }
    return this.bound<ControlDatabase>(this.controlSchema, dialect);
  }

  async openTenant(clientId: string): Promise<OpenedStore<TenantDatabase>> {
    const schema = tenantSchemaName(this.prefix, clientId);
    const dialect = serverDialect({ schema, controlSchema: this.controlSchema });
    await migrate(this.root, dialect, tenantMigrations(dialect));
    return this.bound<TenantDatabase>(schema, dialect);
  }

  async hasTenant(clientId: string): Promise<boolean> {
    const schema = tenantSchemaName(this.prefix, clientId);
    const found = await sql`select 1 from pg_namespace where nspname = ${schema}`.execute(
      this.root,
    );
    return found.rows.length > 0;
  }

  async dropTenant(clientId: string): Promise<void> {
    const schema = tenantSchemaName(this.prefix, clientId);
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(this.root);
  }

  async close(): Promise<void> {
    await this.root.destroy();
  }

  /** Drops every schema of this installation (its prefix): the end of a test's world. */
  async dropAll(): Promise<void> {
    const found = await sql<{ nspname: string }>`select nspname from pg_namespace
      where nspname = ${this.controlSchema} or starts_with(nspname, ${`${this.prefix}t_`})`.execute(
      this.root,
    );
    for (const { nspname } of found.rows) {
      await sql`drop schema if exists ${sql.id(nspname)} cascade`.execute(this.root);
    }
  }

  private bound<DB>(schema: string, dialect: OpenedStore<DB>['dialect']): OpenedStore<DB> {
    const db = (this.root as Kysely<DB>).withSchema(schema);
    // The pool is shared: a store lets go of nothing when it closes.
    return { db, dialect, close: async () => undefined };
  }
}
