import type { AppConfig } from '../config.ts';
import { controlSchemaName, defaultSchemaPrefix } from '../db/schema-names.ts';

/** Where `DATABASE_URL` points, without its user name or password: `db "x" on host:port`. */
function databaseOf(databaseUrl: string): string {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    return 'the database DATABASE_URL names';
  }
  const name = decodeURIComponent(url.pathname.replace(/^\//, '')) || '(the default)';
  const host = url.hostname || url.searchParams.get('host') || 'the local socket';
  return `database "${name}" on ${host}${url.port ? `:${url.port}` : ''}`;
}

/** One line for people: where this configuration keeps the stores (no credentials). */
export function dataLocation(config: AppConfig): string {
  if (!config.databaseUrl) return `data folder: ${config.dataDir}`;
  const prefix = config.schemaPrefix ?? defaultSchemaPrefix;
  return (
    `data: PostgreSQL ${databaseOf(config.databaseUrl)}, schemas ${controlSchemaName(prefix)} ` +
    `and ${prefix}t_<client-id>; import reports under ${config.dataDir}`
  );
}
