import { nowIso } from '../clock.ts';
import type { AppError } from '../errors.ts';
import type { Lead } from '../leads/lead.ts';
import { type LeadAnswer, readAnswer } from './llm-answer.ts';
import { type ChatProvider, LlmBatches, type LlmJob } from './llm-batches.ts';
import type { TokenBudget } from './llm-budget.ts';
import type { ModelPrice } from './llm-config.ts';
import { llmScoreDetail } from './llm-detail.ts';
import { leadsMessage, promptTemplate, type ScoringPrompt, scoringPrompt } from './llm-prompt.ts';
import type { TokenUsage } from './llm-provider.ts';
import type { RubricVersion } from './rubric-store.ts';
import type { ScoreDetail } from './score-detail.ts';
import type { LeadScorer, ScoreFailure } from './scorer.ts';

export type { ChatProvider } from './llm-batches.ts';

export interface LlmScorerOptions {
  provider: ChatProvider;
  /** Leads per request. */
  batchSize: number;
  /** Requests in flight at once. */
  concurrency: number;
  completionTokensPerLead: number;
  /** Extra attempts, one lead per request, for a lead whose answer was unusable. */
  itemRetries: number;
  budget?: TokenBudget;
  price?: ModelPrice;
  /** Called after every reply with what it used; the operation adds it to the ledger. */
  onUsage?: (usage: TokenUsage, cost: number) => Promise<void>;
}

/**
 * Scores leads with a model behind an OpenAI-compatible endpoint. Leads go in batches; answers
 * are matched by lead ID; a lead whose answer is missing, malformed, cut off or out of range is
 * asked again alone, and after its retries fails with the reason's code. When the provider
 * keeps failing or the budget runs out, the batch returns what it has (the rest failing with
 * that code) and every later batch throws that error, so the run stops and can resume.
 * The asking itself is LlmBatches', which the post scorer (src/posts/llm-post-scorer.ts) shares.
 */
export class LlmScorer implements LeadScorer {
  readonly name: string;
  private readonly batches: LlmBatches;
  private readonly prompts = new Map<number, ScoringPrompt>();

  constructor(private readonly options: LlmScorerOptions) {
    this.name = `llm:${options.provider.model}`;
    const { completionTokensPerLead, ...rest } = options;
    this.batches = new LlmBatches({ ...rest, completionTokensPerItem: completionTokensPerLead });
  }

  /** Why this scorer stopped asking, once it has. */
  get stopped(): AppError | undefined {
    return this.batches.stopped;
  }

  async scoreBatch(
    leads: Lead[],
    rubric: RubricVersion,
    signal: AbortSignal,
  ): Promise<Map<string, ScoreDetail | ScoreFailure>> {
    return this.batches.run(this.job(rubric), leads, signal);
  }

  private job(rubric: RubricVersion): LlmJob<Lead, LeadAnswer, ScoreDetail> {
    const prompt = this.promptFor(rubric);
    const scoredAt = nowIso();
    const provenance = {
      model: this.options.provider.model,
      promptSha256: prompt.sha256,
      promptTemplate,
    };
    return {
      noun: 'leads',
      system: prompt.system,
      idOf: (lead) => lead.id,
      message: leadsMessage,
      readReply: (reply, ids) => readAnswer(reply, ids, rubric.rubric),
      result: (lead, answer) =>
        llmScoreDetail(lead, rubric, answer, this.name, provenance, scoredAt),
    };
  }

  private promptFor(rubric: RubricVersion): ScoringPrompt {
    let prompt = this.prompts.get(rubric.version);
    if (!prompt) {
      prompt = scoringPrompt(rubric);
      this.prompts.set(rubric.version, prompt);
    }
    return prompt;
  }
}
