import type { TenantStore } from '../db/tenancy.ts';
import { leadIdsByKey, leadOf } from './lead-links.ts';
import { refreshPostRelevance } from './lead-post-state.ts';
import { type Post, postFromRow } from './post.ts';
import { isPostScoreFailure, type PostScoreDetail, type PostScoreFailure } from './post-scorer.ts';

export interface RecordedPostScores {
  succeeded: string[];
  failed: { postId: string; code: string; message: string }[];
}

/**
 * Posts still to score against rubric `version`, after post `after` in ID order (so that one
 * run tries each post once): never scored, failed, or scored with another version. Posts
 * already actioned are off the list and are not scored.
 */
export async function duePosts(
  store: TenantStore,
  version: number,
  after: string | null,
  limit: number,
): Promise<Post[]> {
  let query = store.db
    .selectFrom('posts')
    .selectAll()
    .where('actioned_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('score_status', 'in', ['pending', 'failed']),
        eb('scored_rubric_version', 'is', null),
        eb('scored_rubric_version', '!=', version),
      ]),
    );
  if (after !== null) query = query.where('id', '>', after);
  const rows = await query.orderBy('id').limit(limit).execute();
  return rows.map(postFromRow);
}

export async function hasAnyPost(store: TenantStore): Promise<boolean> {
  const row = await store.db.selectFrom('posts').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * Writes a batch's scores in one write transaction, then the post relevance of the leads they
 * belong to. A post the scorer did not answer for fails with `answer_missing`.
 */
export async function recordPostScores(
  store: TenantStore,
  posts: Post[],
  results: Map<string, PostScoreDetail | PostScoreFailure>,
  at: string,
): Promise<RecordedPostScores> {
  const recorded: RecordedPostScores = { succeeded: [], failed: [] };
  await store.dialect.writeTransaction(store.db, async (trx) => {
    for (const post of posts) {
      const result = results.get(post.id) ?? {
        failed: true,
        code: 'answer_missing',
        message: `the scorer gave no answer for post ${post.id}`,
      };
      if (isPostScoreFailure(result)) {
        await trx
          .updateTable('posts')
          .set({ score_status: 'failed', updated_at: at })
          .where('id', '=', post.id)
          .execute();
        recorded.failed.push({ postId: post.id, code: result.code, message: result.message });
        continue;
      }
      await trx
        .updateTable('posts')
        .set({
          score: result.score,
          score_status: 'scored',
          score_detail: JSON.stringify(result),
          scored_at: result.scoredAt,
          scored_rubric_version: result.rubricVersion,
          scorer: result.scorer,
          updated_at: at,
        })
        .where('id', '=', post.id)
        .execute();
      recorded.succeeded.push(post.id);
    }

    const links = await leadIdsByKey(
      trx,
      posts.flatMap((post) => [post.authorKey, post.authorMemberKey]),
    );
    const leads = posts.map((post) => leadOf(links, post)).filter((lead) => lead !== undefined);
    await refreshPostRelevance(trx, leads, at);
  });
  return recorded;
}
