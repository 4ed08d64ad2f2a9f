import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { AppConfig } from '../config.ts';
import { AppError } from '../errors.ts';
import type { ControlDatabase } from './control-schema.ts';
import type { Dialect } from './dialect.ts';
import { controlMigrations } from './migrations/control.ts';
import { tenantMigrations } from './migrations/tenant.ts';
import { migrate } from './migrator.ts';
import { embeddedDialect, openEmbeddedFile } from './sqlite.ts';
import type { TenantDatabase } from './tenant-schema.ts';

declare const grantedBrand: unique symbol;

/**
 * Proof that the caller may reach one client's store. Only the client registry (for an operator
 * or a claimed run record) and the authentication layer grant it; nothing read from a request
 * body, query or header becomes one by itself.
 */
export interface TenantAccess {
  readonly clientId: string;
  readonly [grantedBrand]: true;
}

export function grantTenantAccess(clientId: string): TenantAccess {
  return { clientId } as TenantAccess;
}

export interface TenantStore {
  readonly clientId: string;
  readonly db: Kysely<TenantDatabase>;
  readonly dialect: Dialect;
}

interface OpenTenant {
  store: TenantStore;
  users: number;
}

/** The control store and the per-client stores, opened lazily and kept to a bounded number. */
export class Stores {
  readonly dialect: Dialect = embeddedDialect;
  readonly control: Kysely<ControlDatabase>;
  private readonly open = new Map<string, OpenTenant>();
  private readonly opening = new Map<string, Promise<OpenTenant>>();

  private constructor(
    private readonly config: AppConfig,
    control: Kysely<ControlDatabase>,
  ) {
    this.control = control;
  }

  static async open(config: AppConfig): Promise<Stores> {
    const control = openEmbeddedFile<ControlDatabase>(join(config.dataDir, 'control.sqlite'));
    await migrate(control as Kysely<unknown>, embeddedDialect, controlMigrations(embeddedDialect));
    return new Stores(config, control);
  }

  get dataDir(): string {
    return this.config.dataDir;
  }

  tenantPath(clientId: string): string {
    return join(this.config.dataDir, 'tenants', `${clientId}.sqlite`);
  }

  tenantExists(clientId: string): boolean {
    return existsSync(this.tenantPath(clientId));
  }

  /** Runs `work` with the client's store open; the store is not closed while in use. */
  async withTenant<T>(access: TenantAccess, work: (store: TenantStore) => Promise<T>): Promise<T> {
    const entry = await this.acquire(access.clientId);
    entry.users += 1;
    try {
      return await work(entry.store);
    } finally {
      entry.users -= 1;
      await this.evictIdle();
    }
  }

  /** Closes and removes a client's store file. */
  async dropTenant(access: TenantAccess): Promise<void> {
    const entry = this.open.get(access.clientId);
    if (entry) {
      this.open.delete(access.clientId);
      await entry.store.db.destroy();
    }
    const path = this.tenantPath(access.clientId);
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  }

  async close(): Promise<void> {
    const entries = [...this.open.values()];
    this.open.clear();
    await Promise.all(entries.map((entry) => entry.store.db.destroy()));
    await this.control.destroy();
  }

  private async acquire(clientId: string): Promise<OpenTenant> {
    const existing = this.open.get(clientId);
    if (existing) {
      // Re-insert to mark it most recently used.
      this.open.delete(clientId);
      this.open.set(clientId, existing);
      return existing;
    }
    let pending = this.opening.get(clientId);
    if (!pending) {
      pending = this.openTenant(clientId).finally(() => this.opening.delete(clientId));
      this.opening.set(clientId, pending);
    }
    return pending;
  }

  private async openTenant(clientId: string): Promise<OpenTenant> {
    let db: Kysely<TenantDatabase> | undefined;
    try {
      // A file that is no database (corrupt, overwritten) already fails on open, not on migrate.
      db = openEmbeddedFile<TenantDatabase>(this.tenantPath(clientId));
      await migrate(db as Kysely<unknown>, embeddedDialect, tenantMigrations(embeddedDialect));
    } catch (error) {
      await db?.destroy();
      throw new AppError('store_unavailable', `the store of client ${clientId} cannot be opened`, {
        details: { clientId },
        cause: error,
      });
    }
    const entry: OpenTenant = { store: { clientId, db, dialect: embeddedDialect }, users: 0 };
    this.open.set(clientId, entry);
    return entry;
  }

  private async evictIdle(): Promise<void> {
    for (const [clientId, entry] of this.open) {
      if (this.open.size <= this.config.maxOpenTenants) return;
      if (entry.users > 0) continue;
      this.open.delete(clientId);
      await entry.store.db.destroy();
    }
  }
}
