import { describe, expect, it } from 'vitest';
import { dataLocation } from './data-location.ts';

const base = { dataDir: '/srv/leadbase/data', maxOpenTenants: 4 };

describe('dataLocation', () => {
  it('names the data folder of the embedded stores', () => {
    expect(dataLocation(base)).toBe('data folder: /srv/leadbase/data');
  });

  it('names the PostgreSQL host, port, database and schemas, never the credentials', () => {
    const line = dataLocation({
      ...base,
      databaseUrl: 'postgres://lead:s3cret@db.internal:5433/crm?sslmode=require',
      schemaPrefix: 'acme_',
    });

    expect(line).toBe(
      'data: PostgreSQL database "crm" on db.internal:5433, schemas acme_control and acme_t_<client-id>; import reports under /srv/leadbase/data',
    );
    expect(line).not.toContain('s3cret');
    expect(line).not.toContain('lead:');
  });

  it('reads a socket host from the query and never echoes a URL it cannot parse', () => {
    const socket = dataLocation({
      ...base,
      databaseUrl: 'postgres:///crm?host=/run/postgresql',
    });
    const bad = dataLocation({ ...base, databaseUrl: 'not a url with password hunter2' });

    expect(socket).toContain('database "crm" on /run/postgresql, schemas leadbase_control');
    expect(bad).toContain('data: PostgreSQL the database DATABASE_URL names');
    expect(bad).not.toContain('hunter2');
  });
});
