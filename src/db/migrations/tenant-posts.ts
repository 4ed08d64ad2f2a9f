import type { Kysely } from 'kysely';
import type { SchemaCapabilities } from '../dialect.ts';

/**
 * Tenant migration 0002: leads' posts, the post rubric, each lead's post state and the harvest
 * log. Immutable once landed, like every migration.
 */
export async function createPostTables(db: Kysely<unknown>, dialect: SchemaCapabilities) {
  // A post is keyed by its LinkedIn activity ID as text: 19-digit IDs lose digits as numbers.
  // The lead is found through the author's canonical identity, so lead merges never orphan it.
  await db.schema
    .createTable('posts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('author_key', 'text', (c) => c.notNull())
    .addColumn('author_member_key', 'text')
    .addColumn('author_name', 'text')
    .addColumn('is_repost', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('original_author_key', 'text')
    .addColumn('original_author_name', 'text')
    .addColumn('original_post_id', 'text')
    .addColumn('text', 'text')
    .addColumn('original_text', 'text')
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('posted_at', 'text')
    .addColumn('posted_at_basis', 'text', (c) => c.notNull())
    .addColumn('likes', 'integer')
    .addColumn('comments', 'integer')
    .addColumn('reposts', 'integer')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('score', dialect.floatType)
    .addColumn('score_status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('score_detail', 'text')
    .addColumn('scored_at', 'text')
    .addColumn('scored_rubric_version', 'integer')
    .addColumn('scorer', 'text')
    .addColumn('actioned_at', 'text')
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('posts_by_author').on('posts').columns(['author_key']).execute();
  await db.schema
    .createIndex('posts_by_author_member')
    .on('posts')
    .columns(['author_member_key'])
    .execute();
  await db.schema
    .createIndex('posts_by_score_status')
    .on('posts')
    .columns(['score_status'])
    .execute();
  await db.schema.createIndex('posts_by_score').on('posts').columns(['score']).execute();

  await db.schema
    .createTable('post_rubric_versions')
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('rubric', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('lead_post_state')
    .addColumn('lead_id', 'text', (c) => c.primaryKey().references('leads.id').onDelete('cascade'))
    .addColumn('checked_at', 'text')
    .addColumn('check_result', 'text')
    .addColumn('post_relevance', dialect.floatType)
    .addColumn('best_post_id', 'text')
    .addColumn('actioned_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('post_harvests')
    .addColumn('id', 'integer', (c) => dialect.autoIncrementId(c))
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('external_run_id', 'text')
    .addColumn('dataset_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('client_day', 'text', (c) => c.notNull())
    .addColumn('profiles', 'integer', (c) => c.notNull())
    .addColumn('items', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('posts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('new_posts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('code', 'text')
    .addColumn('message', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema
    .createIndex('post_harvests_by_day')
    .on('post_harvests')
    .columns(['client_day'])
    .execute();
}
