import { type Kysely, type Migration, sql } from 'kysely';
import type { SchemaCapabilities } from '../dialect.ts';

/** Ordered, immutable migrations of the control store. Append; never edit a landed one. */
export function controlMigrations(dialect: SchemaCapabilities): Record<string, Migration> {
  return {
    '0001-clients-and-ledger': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('clients')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
          .addColumn('service_level', 'text', (c) => c.notNull().defaultTo('leads'))
          .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('UTC'))
          .addColumn('stream', 'text')
          .addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('runs')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('idempotency_key', 'text', (c) => c.unique())
          .addColumn('trigger', 'text', (c) => c.notNull())
          .addColumn('request', 'text', (c) => c.notNull().defaultTo('{}'))
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('finished_at', 'text')
          .execute();

        await db.schema
          .createTable('run_records')
          .addColumn('id', 'integer', (c) => dialect.autoIncrementId(c))
          .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id').onDelete('cascade'))
          .addColumn('client_id', 'text', (c) => c.notNull())
          .addColumn('operation', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('lease_owner', 'text')
          .addColumn('lease_expires_at', 'text')
          .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('queued_at', 'text', (c) => c.notNull())
          .addColumn('started_at', 'text')
          .addColumn('finished_at', 'text')
          .addColumn('examined', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('succeeded', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('failed', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('skipped', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('tokens', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('cost', dialect.floatType, (c) => c.notNull().defaultTo(0))
          .addColumn('error_code', 'text')
          .addColumn('error_message', 'text')
          .addColumn('detail', 'text', (c) => c.notNull().defaultTo('{}'))
          .addUniqueConstraint('run_records_one_per_run_client_op', [
            'run_id',
            'client_id',
            'operation',
          ])
          .execute();

        // At most one active record per (client, operation), whatever run it belongs to.
        await sql`create unique index run_records_one_active on run_records (client_id, operation)
        where status = 'running'`.execute(db);
        await db.schema
          .createIndex('run_records_by_client')
          .on('run_records')
          .columns(['client_id', 'queued_at'])
          .execute();
        await db.schema
          .createIndex('run_records_by_status')
          .on('run_records')
          .columns(['status', 'lease_expires_at'])
          .execute();

        await db.schema
          .createTable('run_failures')
          .addColumn('id', 'integer', (c) => dialect.autoIncrementId(c))
          .addColumn('record_id', 'integer', (c) =>
            c.notNull().references('run_records.id').onDelete('cascade'),
          )
          .addColumn('item_id', 'text', (c) => c.notNull())
          .addColumn('code', 'text', (c) => c.notNull())
          .addColumn('message', 'text', (c) => c.notNull())
          .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(1))
          .addColumn('first_at', 'text', (c) => c.notNull())
          .addColumn('last_at', 'text', (c) => c.notNull())
          .addColumn('resolved_at', 'text')
          .addUniqueConstraint('run_failures_one_per_item', ['record_id', 'item_id'])
          .execute();
      },
    },

    '0002-access-tokens': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('access_tokens')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('client_id', 'text', (c) => c.references('clients.id').onDelete('cascade'))
          .addColumn('scope', 'text')
          .addColumn('label', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('revoked_at', 'text')
          .execute();
        await db.schema
          .createIndex('access_tokens_by_client')
          .on('access_tokens')
          .columns(['client_id'])
          .execute();
      },
    },

    '0003-run-external-runs': {
      async up(db: Kysely<unknown>) {
        // Runs that an outside provider (Apify) started for a ledger record: their IDs are
        // the provider's, kept in their own column, never mistaken for a run ID of ours.
        await db.schema
          .createTable('run_external_runs')
          .addColumn('id', 'integer', (c) => dialect.autoIncrementId(c))
          .addColumn('record_id', 'integer', (c) =>
            c.notNull().references('run_records.id').onDelete('cascade'),
          )
          .addColumn('provider', 'text', (c) => c.notNull())
          .addColumn('external_run_id', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('dataset_id', 'text')
          .addColumn('first_seen_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addUniqueConstraint('run_external_runs_once', ['provider', 'external_run_id'])
          .execute();
        await db.schema
          .createIndex('run_external_runs_by_record')
          .on('run_external_runs')
          .columns(['record_id'])
          .execute();
      },
    },

    '0004-webhook-inbox': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('webhook_deliveries')
          .addColumn('id', 'integer', (c) => dialect.autoIncrementId(c))
          .addColumn('client_id', 'text', (c) =>
            c.notNull().references('clients.id').onDelete('cascade'),
          )
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('body_sha256', 'text', (c) => c.notNull())
          .addColumn('headers', 'text', (c) => c.notNull().defaultTo('{}'))
          .addColumn('received_at', 'text', (c) => c.notNull())
          .addColumn('duplicate_of', 'integer', (c) => c.references('webhook_deliveries.id'))
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('processing_started_at', 'text')
          .addColumn('processed_at', 'text')
          .addColumn('result', 'text')
          .addColumn('error_code', 'text')
          .addColumn('error_message', 'text')
          .execute();
        // One original per (client, source, body): re-deliveries of the same body become
        // duplicates of it, decided by the database even when they arrive at the same moment.
        await sql`create unique index webhook_deliveries_one_original
          on webhook_deliveries (client_id, source, body_sha256)
          where duplicate_of is null`.execute(db);
        await db.schema
          .createIndex('webhook_deliveries_by_client')
          .on('webhook_deliveries')
          .columns(['client_id', 'status', 'id'])
          .execute();
        await db.schema
          .createIndex('webhook_deliveries_by_status')
          .on('webhook_deliveries')
          .columns(['status', 'id'])
          .execute();
      },
    },

    '0006-portal-sessions': {
      async up(db: Kysely<unknown>) {
        // A portal sign-in: the cookie's secret is kept only as its hash, and the session ends
        // with the token it stands for.
        await db.schema
          .createTable('portal_sessions')
          .addColumn('id_hash', 'text', (c) => c.primaryKey())
          .addColumn('token_id', 'text', (c) =>
            c.notNull().references('access_tokens.id').onDelete('cascade'),
          )
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('last_seen_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('portal_sessions_by_token')
          .on('portal_sessions')
          .columns(['token_id'])
          .execute();
        await db.schema
          .createIndex('portal_sessions_by_expiry')
          .on('portal_sessions')
          .columns(['expires_at'])
          .execute();
      },
    },
  };
}
