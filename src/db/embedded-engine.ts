import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { ControlDatabase } from './control-schema.ts';
import { controlMigrations } from './migrations/control.ts';
import { tenantMigrations } from './migrations/tenant.ts';
import { migrate } from './migrator.ts';
import { embeddedDialect, openEmbeddedFile } from './sqlite.ts';
import type { OpenedStore, StoreEngine } from './store-engine.ts';
import type { TenantDatabase } from './tenant-schema.ts';

/** The embedded default: `control.sqlite` and `tenants/<client-id>.sqlite` under the data folder. */
export class EmbeddedEngine implements StoreEngine {
  readonly kind = 'embedded';

  constructor(private readonly dataDir: string) {}

  tenantPath(clientId: string): string {
    return join(this.dataDir, 'tenants', `${clientId}.sqlite`);
  }

  openControl(): Promise<OpenedStore<ControlDatabase>> {
    return this.openFile<ControlDatabase>(join(this.dataDir, 'control.sqlite'), 'control');
  }

  openTenant(clientId: string): Promise<OpenedStore<TenantDatabase>> {
    return this.openFile<TenantDatabase>(this.tenantPath(clientId), 'tenant');
  }

  async hasTenant(clientId: string): Promise<boolean> {
    return existsSync(this.tenantPath(clientId));
  }

  async dropTenant(clientId: string): Promise<void> {
    const path = this.tenantPath(clientId);
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  }

  async close(): Promise<void> {
    // Every file is closed with its own store.
  }

  private async openFile<DB>(path: string, kind: 'control' | 'tenant'): Promise<OpenedStore<DB>> {
    let db: Kysely<DB> | undefined;
    try {
      // A file that is no database (corrupt, overwritten) already fails on open, not on migrate.
      db = openEmbeddedFile<DB>(path);
      const migrations = (kind === 'control' ? controlMigrations : tenantMigrations)(
        embeddedDialect,
      );
      await migrate(db as Kysely<unknown>, embeddedDialect, migrations);
    } catch (error) {
      await db?.destroy();
      throw error;
    }
    const opened = db;
    return { db: opened, dialect: embeddedDialect, close: () => opened.destroy() };
  }
}
