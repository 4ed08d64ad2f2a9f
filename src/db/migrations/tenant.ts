import { type Kysely, type Migration, sql } from 'kysely';
import type { SchemaCapabilities } from '../dialect.ts';
import { createPostTables } from './tenant-posts.ts';

/** Ordered, immutable migrations of a client's store. Append; never edit a landed one. */
export function tenantMigrations(dialect: SchemaCapabilities): Record<string, Migration> {
  return {
    '0001-leads-scores-rubrics': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('leads')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('full_name', 'text')
          .addColumn('first_name', 'text')
          .addColumn('last_name', 'text')
          .addColumn('headline', 'text')
          .addColumn('position', 'text')
          .addColumn('company', 'text')
          .addColumn('location', 'text')
          .addColumn('industry', 'text')
          .addColumn('about', 'text')
          .addColumn('email', 'text')
          .addColumn('phone', 'text')
          .addColumn('profile_url', 'text')
          .addColumn('sales_nav_url', 'text')
          .addColumn('connected_on', 'text')
          .addColumn('connection_status', 'text', (c) => c.notNull().defaultTo('unknown'))
          .addColumn('member_distance', 'integer')
          .addColumn('status', 'text', (c) => c.notNull().defaultTo('new'))
          .addColumn('priority', 'text')
          .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
          .addColumn('follow_up_on', 'text')
          .addColumn('do_not_contact', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('extra', 'text', (c) => c.notNull().defaultTo('{}'))
          .addColumn('sources', 'text', (c) => c.notNull().defaultTo('[]'))
          .addColumn('manual_fields', 'text', (c) => c.notNull().defaultTo('[]'))
          .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
          .addColumn('score', dialect.floatType)
          .addColumn('score_status', 'text', (c) => c.notNull().defaultTo('pending'))
          .addColumn('score_detail', 'text')
          .addColumn('scored_at', 'text')
          .addColumn('scored_rubric_version', 'integer')
          .addColumn('scorer', 'text')
          .addColumn('staged_at', 'text')
          .addColumn('invited_on', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('leads_by_score').on('leads').columns(['score']).execute();
        await db.schema
          .createIndex('leads_by_score_status')
          .on('leads')
          .columns(['score_status'])
          .execute();
        await db.schema
          .createIndex('leads_by_follow_up')
          .on('leads')
          .columns(['follow_up_on'])
          .execute();

        await db.schema
          .createTable('lead_identities')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('lead_id', 'text', (c) =>
            c.notNull().references('leads.id').onDelete('cascade'),
          )
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('lead_identities_by_lead')
          .on('lead_identities')
          .columns(['lead_id'])
          .execute();

        await db.schema
          .createTable('lead_events')
          .addColumn('id', 'integer', (c) => dialect.autoIncrementId(c))
          .addColumn('lead_id', 'text', (c) => c.notNull())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('source', 'text')
          .addColumn('detail', 'text', (c) => c.notNull().defaultTo('{}'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('lead_events_by_lead')
          .on('lead_events')
          .columns(['lead_id', 'id'])
          .execute();

        await db.schema
          .createTable('notes')
          .addColumn('id', 'integer', (c) => dialect.autoIncrementId(c))
          .addColumn('lead_id', 'text', (c) =>
            c.notNull().references('leads.id').onDelete('cascade'),
          )
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('author', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('notes_by_lead')
          .on('notes')
          .columns(['lead_id', 'id'])
          .execute();

        await db.schema
          .createTable('lead_scores')
          .addColumn('id', 'integer', (c) => dialect.autoIncrementId(c))
          .addColumn('lead_id', 'text', (c) =>
            c.notNull().references('leads.id').onDelete('cascade'),
          )
          .addColumn('run_id', 'text')
          .addColumn('rubric_version', 'integer', (c) => c.notNull())
          .addColumn('scorer', 'text', (c) => c.notNull())
          .addColumn('score', dialect.floatType)
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('detail', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addUniqueConstraint('lead_scores_once_per_run', ['lead_id', 'run_id'])
          .execute();

        await db.schema
          .createTable('rubric_versions')
          .addColumn('version', 'integer', (c) => c.primaryKey())
          .addColumn('rubric', 'text', (c) => c.notNull())
          .addColumn('note', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('settings')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('value', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('imports')
          .addColumn('id', 'integer', (c) => dialect.autoIncrementId(c))
          .addColumn('file_name', 'text', (c) => c.notNull())
          .addColumn('format', 'text', (c) => c.notNull())
          .addColumn('file_hash', 'text', (c) => c.notNull())
          .addColumn('counts', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
      },
    },

    '0002-posts': {
      async up(db: Kysely<unknown>) {
        await createPostTables(db, dialect);
      },
    },

    // One index per sort of the lead search (src/leads/lead-query.ts): the expressions must
    // match its sort keys exactly for the engine to read pages straight from the index.
    '0003-lead-sort-indexes': {
      async up(db: Kysely<unknown>) {
        await sql`create index leads_sort_score on leads (coalesce(score, -1), id)`.execute(db);
        await sql`create index leads_sort_name on leads (lower(coalesce(full_name, '')), id)`.execute(
          db,
        );
        await sql`create index leads_sort_created on leads (created_at, id)`.execute(db);
        await sql`create index leads_sort_updated on leads (updated_at, id)`.execute(db);
        await sql`create index leads_sort_follow_up
          on leads (coalesce(follow_up_on, '9999-12-31'), id)`.execute(db);
      },
    },

    // What imports need to keep a lead's score fresh and its fields settled: when a field the
    // scorer reads last changed, the last file record of each source that wrote the lead, and
    // the source that set each profile field.
    '0004-lead-profile-tracking': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('leads').addColumn('profile_changed_at', 'text').execute();
        await db.schema
          .alterTable('leads')
          .addColumn('import_marks', 'text', (c) => c.notNull().defaultTo('{}'))
          .execute();
        await db.schema
          .alterTable('leads')
          .addColumn('field_sources', 'text', (c) => c.notNull().defaultTo('{}'))
          .execute();
      },
    },

    // Sorts whose ties are common break them by name (nameless leads last), then id; the name
    // sort puts nameless leads last either way (src/leads/lead-sort.ts). These indexes replace
    // those of 0003 for the three sorts, expression for expression.
    '0005-lead-sort-ties': {
      async up(db: Kysely<unknown>) {
        const nameless = sql`(case when coalesce(full_name, '') = '' then 1 else 0 end)`;
        const name = sql`lower(coalesce(full_name, ''))`;
        for (const index of ['leads_sort_score', 'leads_sort_name', 'leads_sort_follow_up']) {
          await db.schema.dropIndex(index).execute();
        }
        await sql`create index leads_sort_score
          on leads (coalesce(score, -1) desc, ${nameless}, ${name}, id)`.execute(db);
        await sql`create index leads_sort_name on leads (${nameless}, ${name}, id)`.execute(db);
        await sql`create index leads_sort_name_desc
          on leads (${nameless}, ${name} desc, id)`.execute(db);
        await sql`create index leads_sort_follow_up
          on leads (coalesce(follow_up_on, '9999-12-31'), ${nameless}, ${name}, id)`.execute(db);
      },
    },

    // 0005's tie indexes made every new lead land at a random place in them (ties by name),
    // which slowed imports by a fifth: the sorts go back to 0003's (key, id) indexes, the engine
    // ordering a page's ties itself, and the ascending name sort gets one key in which a lead
    // without a name reads as U+10FFFF, the highest character, so that it comes last.
    '0006-lead-sort-name-last': {
      async up(db: Kysely<unknown>) {
        const indexes = ['leads_sort_score', 'leads_sort_name', 'leads_sort_name_desc'];
        for (const index of [...indexes, 'leads_sort_follow_up']) {
          await db.schema.dropIndex(index).execute();
        }
        await sql`create index leads_sort_score on leads (coalesce(score, -1), id)`.execute(db);
        await sql`create index leads_sort_name on leads (lower(coalesce(full_name, '')), id)`.execute(
          db,
        );
        await sql`create index leads_sort_name_last
          on leads (coalesce(nullif(lower(full_name), ''), '\u{10FFFF}'), id)`.execute(db);
        await sql`create index leads_sort_follow_up
          on leads (coalesce(follow_up_on, '9999-12-31'), id)`.execute(db);
      },
    },

    // The ascending name sort reads 0003's name index in two parts (named leads, then nameless
    // ones), so the index of 0006 is not needed: every index costs each imported lead.
    '0007-drop-lead-sort-name-last': {
      async up(db: Kysely<unknown>) {
        await db.schema.dropIndex('leads_sort_name_last').execute();
      },
    },

    // Finalizing an invitation batch now marks a lead's connection pending (src/leads/
    // invitation-batch.ts); leads finalized before that get the same, unless a person set
    // their connection by hand. A new version, so that an edit begun before it is re-read.
    '0008-invited-leads-pending': {
      async up(db: Kysely<unknown>) {
        await sql`update leads set connection_status = 'pending', version = version + 1
          where invited_on is not null
            and connection_status in ('unknown', 'not_connected')
            and manual_fields not like '%"connectionStatus"%'`.execute(db);
      },
    },
  };
}
