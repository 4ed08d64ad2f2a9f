import { nowIso } from '../clock.ts';
import { isAppError } from '../errors.ts';
import { logger } from '../logger.ts';
import type { Operation, OperationContext, OperationOutcome } from '../runs/operation.ts';
import { offlinePostScorer } from './offline-post-scorer.ts';
import { currentPostRubric, type PostRubricVersion } from './post-rubric-store.ts';
import { duePosts, hasAnyPost, recordPostScores } from './post-score-writer.ts';
import type { PostScorer } from './post-scorer.ts';
import { includesPosts } from './post-service.ts';

const defaultBatchSize = 100;

interface Tally {
  examined: number;
  succeeded: number;
  failed: number;
}

function scorerUnavailable(scorer: PostScorer, error: unknown): OperationOutcome {
  const code = isAppError(error) ? error.code : 'scorer_unavailable';
  const reason = error instanceof Error ? error.message : String(error);
  return { status: 'failed', code, message: `the ${scorer.name} post scorer failed: ${reason}` };
}

async function scoreDuePosts(
  context: OperationContext,
  rubric: PostRubricVersion,
  scorer: PostScorer,
  batchSize: number,
): Promise<Tally | OperationOutcome> {
  const { store, progress, signal } = context;
  const tally: Tally = { examined: 0, succeeded: 0, failed: 0 };
  let after: string | null = null;

  for (;;) {
    signal.throwIfAborted();
    const posts = await duePosts(store, rubric.version, after, batchSize);
    if (posts.length === 0) return tally;
    after = posts.at(-1)!.id;

    let results: Awaited<ReturnType<PostScorer['scoreBatch']>>;
    try {
      results = await scorer.scoreBatch(posts, rubric, signal);
    } catch (error) {
      if (signal.aborted) throw error;
      return scorerUnavailable(scorer, error);
    }
    const recorded = await recordPostScores(store, posts, results, nowIso());

    await progress.examined(posts.length);
    if (recorded.succeeded.length > 0) await progress.succeeded(recorded.succeeded);
    for (const failure of recorded.failed) {
      await progress.failed(failure.postId, failure.code, failure.message);
    }
    tally.examined += posts.length;
    tally.succeeded += recorded.succeeded.length;
    tally.failed += recorded.failed.length;
  }
}

async function run(
  context: OperationContext,
  scorer: PostScorer,
  batchSize: number,
): Promise<OperationOutcome> {
  const { client, store } = context;
  if (!includesPosts(client)) {
    const message = `client ${client.id} has service level ${client.serviceLevel}, without posts`;
    return { status: 'skipped', code: 'service_level', message };
  }
  const rubric = await currentPostRubric(store);
  if (!rubric) {
    const message = `client ${client.id} has no post rubric to score against`;
    return { status: 'failed', code: 'post_rubric_missing', message };
  }

  const startedAt = Date.now();
  const tally = await scoreDuePosts(context, rubric, scorer, batchSize);
  if ('status' in tally) return tally;
  logger.info(
    {
      clientId: client.id,
      runId: context.runId,
      rubricVersion: rubric.version,
      ...tally,
      durationMs: Date.now() - startedAt,
    },
    'posts scored',
  );

  if (tally.examined === 0 && !(await hasAnyPost(store))) {
    return { status: 'skipped', code: 'no_posts', message: 'the client has no posts yet' };
  }
  if (tally.failed > 0 && tally.succeeded === 0) {
    const message = `none of the ${tally.examined} posts examined could be scored`;
    return { status: 'failed', code: 'scoring_failed', message };
  }
  return { status: 'succeeded' };
}

/** The `score-posts` operation: scores due posts against the client's current post rubric. */
export function scorePostsOperation(
  options: { scorer?: PostScorer; batchSize?: number } = {},
): Operation {
  const scorer = options.scorer ?? offlinePostScorer;
  const batchSize = options.batchSize ?? defaultBatchSize;
  return { name: 'score-posts', run: (context) => run(context, scorer, batchSize) };
}
