import type { Kysely } from 'kysely';
import type { AppConfig } from '../config.ts';
import { AppError } from '../errors.ts';
import type { ControlDatabase } from './control-schema.ts';
import type { Dialect } from './dialect.ts';
import { EmbeddedEngine } from './embedded-engine.ts';
import { ServerEngine } from './postgres-engine.ts';
import type { EngineKind, OpenedStore, StoreEngine } from './store-engine.ts';
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
  opened: OpenedStore<TenantDatabase>;
  users: number;
}

/**
 * The control store and the per-client stores, on the engine the configuration names (files
 * under the data folder by default, PostgreSQL schemas with a database URL), opened lazily and
 * kept to a bounded number.
 */
export class Stores {
  readonly dialect: Dialect;
  readonly control: Kysely<ControlDatabase>;
  private readonly open = new Map<string, OpenTenant>();
  private readonly opening = new Map<string, Promise<OpenTenant>>();

  private constructor(
    private readonly config: AppConfig,
    private readonly engine: StoreEngine,
    private readonly controlStore: OpenedStore<ControlDatabase>,
  ) {
    this.control = controlStore.db;
    this.dialect = controlStore.dialect;
  }

  static async open(config: AppConfig): Promise<Stores> {
    const engine: StoreEngine = config.databaseUrl
      ? new ServerEngine({
          databaseUrl: config.databaseUrl,
          ...(config.schemaPrefix ? { schemaPrefix: config.schemaPrefix } : {}),
        })
      : new EmbeddedEngine(config.dataDir);
    try {
      return new Stores(config, engine, await engine.openControl());
    } catch (error) {
      await engine.close();
      throw error;
    }
  }

  /** Which engine holds the stores; only for what one engine alone can do (file backups). */
  get engineKind(): EngineKind {
    return this.engine.kind;
  }

  /** The data folder: the embedded stores' home, and where reports go on every engine. */
  get dataDir(): string {
    return this.config.dataDir;
  }

  /** The file of a client's embedded store. */
  tenantPath(clientId: string): string {
    return new EmbeddedEngine(this.config.dataDir).tenantPath(clientId);
  }

  /** True when the client's store has been created (and not dropped). */
  hasTenant(clientId: string): Promise<boolean> {
    return this.engine.hasTenant(clientId);
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

  /** Closes and removes a client's store. */
  async dropTenant(access: TenantAccess): Promise<void> {
    const entry = this.open.get(access.clientId);
    if (entry) {
      this.open.delete(access.clientId);
      await entry.opened.close();
    }
    await this.engine.dropTenant(access.clientId);
  }

  async close(): Promise<void> {
    const entries = [...this.open.values()];
    this.open.clear();
    await Promise.all(entries.map((entry) => entry.opened.close()));
    await this.controlStore.close();
    await this.engine.close();
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
    let opened: OpenedStore<TenantDatabase>;
    try {
      opened = await this.engine.openTenant(clientId);
    } catch (error) {
      throw new AppError('store_unavailable', `the store of client ${clientId} cannot be opened`, {
        details: { clientId },
        cause: error,
      });
    }
    const store = { clientId, db: opened.db, dialect: opened.dialect };
    const entry: OpenTenant = { store, opened, users: 0 };
    this.open.set(clientId, entry);
    return entry;
  }

  private async evictIdle(): Promise<void> {
    for (const [clientId, entry] of this.open) {
      if (this.open.size <= this.config.maxOpenTenants) return;
      if (entry.users > 0) continue;
      this.open.delete(clientId);
      await entry.opened.close();
    }
  }
}
