import { nowIso } from '../clock.ts';
import type { AppError } from '../errors.ts';
import { LlmBatches, type LlmBatchOptions, type LlmJob } from '../scoring/llm-batches.ts';
import type { LlmProvenance } from '../scoring/llm-detail.ts';
import { type PostAnswer, readPostAnswer } from './llm-post-answer.ts';
import {
  type PostScoringPrompt,
  postPromptTemplate,
  postScoringPrompt,
  postsMessage,
} from './llm-post-prompt.ts';
import type { Post } from './post.ts';
import type { PostRubricVersion } from './post-rubric-store.ts';
import { criterionReason, postScore } from './post-score-formula.ts';
import type {
  CriterionPoints,
  PostScoreDetail,
  PostScoreFailure,
  PostScorer,
} from './post-scorer.ts';

/** A post's LLM score: the offline breakdown, plus what produced it. */
export type LlmPostScoreDetail = PostScoreDetail & { llm: LlmProvenance };

/**
 * A post's score from the model's answer, through the same formula as the offline post scorer.
 * Throws AppError 'score_invalid' when a value is outside its criterion's range: never clamped.
 */
export function llmPostScoreDetail(
  rubric: PostRubricVersion,
  answer: PostAnswer,
  scorer: string,
  provenance: LlmProvenance,
  scoredAt: string,
): LlmPostScoreDetail {
  const score = postScore(rubric.rubric, answer.points);
  const criteria: CriterionPoints[] = rubric.rubric.criteria.map((criterion) => ({
    id: criterion.id,
    label: criterion.label,
    kind: criterion.kind,
    points: answer.points[criterion.id]!,
    available: criterion.points,
    matched: answer.evidence[criterion.id] ?? [],
  }));
  const counted = criteria.filter((criterion) => criterion.points !== 0);
  return {
    score,
    criteria,
    reasons: counted.length === 0 ? ['no criterion matched'] : counted.map(criterionReason),
    rubricVersion: rubric.version,
    scorer,
    scoredAt,
    llm: provenance,
  };
}

/**
 * Scores posts with a model behind an OpenAI-compatible endpoint, asking the way the LLM lead
 * scorer does (LlmBatches): posts in batches, answers matched by post ID, unusable answers
 * asked again alone, then failed with their code; a provider that keeps failing or a spent
 * budget stops it (`stopped`).
 */
export class LlmPostScorer implements PostScorer {
  readonly name: string;
  private readonly batches: LlmBatches;
  private readonly prompts = new Map<number, PostScoringPrompt>();

  constructor(private readonly options: LlmBatchOptions) {
    this.name = `llm-posts:${options.provider.model}`;
    this.batches = new LlmBatches(options);
  }

  /** Why this scorer stopped asking, once it has. */
  get stopped(): AppError | undefined {
    return this.batches.stopped;
  }

  scoreBatch(
    posts: Post[],
    rubric: PostRubricVersion,
    signal: AbortSignal,
  ): Promise<Map<string, PostScoreDetail | PostScoreFailure>> {
    return this.batches.run(this.job(rubric), posts, signal);
  }

  private job(rubric: PostRubricVersion): LlmJob<Post, PostAnswer, PostScoreDetail> {
    const prompt = this.promptFor(rubric);
    const scoredAt = nowIso();
    const provenance = {
      model: this.options.provider.model,
      promptSha256: prompt.sha256,
      promptTemplate: postPromptTemplate,
    };
    return {
      noun: 'posts',
      system: prompt.system,
      idOf: (post) => post.id,
      message: postsMessage,
      readReply: (reply, ids) => readPostAnswer(reply, ids, rubric.rubric),
      result: (_post, answer) =>
        llmPostScoreDetail(rubric, answer, this.name, provenance, scoredAt),
    };
  }

  private promptFor(rubric: PostRubricVersion): PostScoringPrompt {
    let prompt = this.prompts.get(rubric.version);
    if (!prompt) {
      prompt = postScoringPrompt(rubric);
      this.prompts.set(rubric.version, prompt);
    }
    return prompt;
  }
}
