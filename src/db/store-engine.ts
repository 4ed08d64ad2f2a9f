import type { Kysely } from 'kysely';
import type { ControlDatabase } from './control-schema.ts';
import type { Dialect } from './dialect.ts';
import type { TenantDatabase } from './tenant-schema.ts';

/** Which engine holds the stores; callers prefer Dialect capabilities to asking this. */
export type EngineKind = 'embedded' | 'postgres';

/** One opened, migrated store. */
export interface OpenedStore<DB> {
  readonly db: Kysely<DB>;
  readonly dialect: Dialect;
  /** Lets go of what this store alone holds (a file handle; nothing for a schema). */
  close(): Promise<void>;
}

/** Where the stores live: files under the data folder, or schemas of one server database. */
export interface StoreEngine {
  readonly kind: EngineKind;
  /** Opens and migrates the control store. */
  openControl(): Promise<OpenedStore<ControlDatabase>>;
  /** Opens and migrates one client's store, creating it when missing. */
  openTenant(clientId: string): Promise<OpenedStore<TenantDatabase>>;
  hasTenant(clientId: string): Promise<boolean>;
  /** Removes a client's store, which the caller has closed. */
  dropTenant(clientId: string): Promise<void>;
  /** Lets go of everything shared (a connection pool). */
  close(): Promise<void>;
}
