import { nowIso } from '../clock.ts';
import { AppError, isAppError } from '../errors.ts';
import type { Lead } from '../leads/lead.ts';
import { logger } from '../logger.ts';
import { type ItemReading, readAnswer } from './llm-answer.ts';
import { type TokenBudget, usageCost } from './llm-budget.ts';
import type { ModelPrice } from './llm-config.ts';
import { llmScoreDetail } from './llm-detail.ts';
import { leadsMessage, promptTemplate, type ScoringPrompt, scoringPrompt } from './llm-prompt.ts';
import {
  type ChatMessage,
  type ChatReply,
  type ChatRequest,
  estimateTokens,
  type TokenUsage,
} from './llm-provider.ts';
import type { RubricVersion } from './rubric-store.ts';
import type { ScoreDetail } from './score-detail.ts';
import { type LeadScorer, type ScoreFailure, scoreFailure } from './scorer.ts';

/** What the scorer needs of a provider; ChatCompletionsProvider is the one in use. */
export interface ChatProvider {
  readonly model: string;
  complete(request: ChatRequest, signal: AbortSignal): Promise<ChatReply>;
}

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

// TODO(llm-posts): an LLM PostScorer (src/posts/post-scorer.ts) over the same provider, reply
// reading and budget – when score-posts should offer a model scorer beside the offline one.

/** Room for the JSON envelope and any words around it, beyond the per-lead allowance. */
const replyOverheadTokens = 100;

interface WorkUnit {
  leads: Lead[];
  maxTokens: number;
}

/** One scoreBatch call: what is left to ask and what has been answered. */
interface Job {
  rubric: RubricVersion;
  prompt: ScoringPrompt;
  signal: AbortSignal;
  queue: WorkUnit[];
  attempts: Map<string, number>;
  results: Map<string, ScoreDetail | ScoreFailure>;
  scoredAt: string;
}

/** Errors that end the whole run for this client, not one lead. */
function stopsTheRun(error: unknown): error is AppError {
  return isAppError(error) && ['provider_unavailable', 'budget_exhausted'].includes(error.code);
}

/**
 * Scores leads with a model behind an OpenAI-compatible endpoint. Leads go in batches; answers
 * are matched by lead ID; a lead whose answer is missing, malformed, cut off or out of range is
 * asked again alone, and after its retries fails with the reason's code. When the provider
 * keeps failing or the budget runs out, the batch returns what it has (the rest failing with
 * that code) and every later batch throws that error, so the run stops and can resume.
 */
export class LlmScorer implements LeadScorer {
  readonly name: string;
  /** Why this scorer stopped asking, once it has. */
  stopped: AppError | undefined;
  private readonly prompts = new Map<number, ScoringPrompt>();

  constructor(private readonly options: LlmScorerOptions) {
    this.name = `llm:${options.provider.model}`;
  }

  async scoreBatch(
    leads: Lead[],
    rubric: RubricVersion,
    signal: AbortSignal,
  ): Promise<Map<string, ScoreDetail | ScoreFailure>> {
    if (this.stopped) throw this.stopped;
    const job: Job = {
      rubric,
      prompt: this.promptFor(rubric),
      signal,
      queue: chunk(leads, this.options.batchSize).map((group) => ({
        leads: group,
        maxTokens: this.maxTokensFor(group.length),
      })),
      attempts: new Map(),
      results: new Map(),
      scoredAt: nowIso(),
    };

    await this.drain(job);

    for (const lead of leads) {
      if (job.results.has(lead.id)) continue;
      const reason = this.stopped ?? new AppError('internal_error', 'the lead was never asked');
      job.results.set(lead.id, scoreFailure(reason.code, reason.message));
    }
    return job.results;
  }

  private promptFor(rubric: RubricVersion): ScoringPrompt {
    let prompt = this.prompts.get(rubric.version);
    if (!prompt) {
      prompt = scoringPrompt(rubric);
      this.prompts.set(rubric.version, prompt);
    }
    return prompt;
  }

  private maxTokensFor(leadCount: number): number {
    return this.options.completionTokensPerLead * leadCount + replyOverheadTokens;
  }

  /** Runs the queue with bounded concurrency; retries join the queue as they arise. */
  private async drain(job: Job): Promise<void> {
    const worker = async () => {
      while (job.queue.length > 0 && !this.stopped) {
        const unit = job.queue.shift()!;
        try {
          await this.ask(unit, job);
        } catch (error) {
          if (!stopsTheRun(error)) throw error;
          this.stopped ??= error;
        }
      }
    };
    await Promise.all(Array.from({ length: this.options.concurrency }, worker));
  }

  private async ask(unit: WorkUnit, job: Job): Promise<void> {
    const messages: ChatMessage[] = [
      { role: 'system', content: job.prompt.system },
      { role: 'user', content: leadsMessage(unit.leads) },
    ];
    const reply = await this.complete(messages, unit.maxTokens, job.signal);

    const ids = unit.leads.map((lead) => lead.id);
    const reading = readAnswer(reply, ids, job.rubric.rubric);
    if (reading.unexpectedIds.length > 0) {
      logger.warn({ unexpected: reading.unexpectedIds.length }, 'llm answered unasked leads');
    }
    for (const lead of unit.leads) {
      this.settle(lead, reading.items.get(lead.id)!, reading.truncated, unit, job);
    }
  }

  /** One request, within the budget, its usage reported. */
  private async complete(messages: ChatMessage[], maxTokens: number, signal: AbortSignal) {
    const { budget, provider } = this.options;
    const worstCase = estimateTokens(messages.map((m) => m.content).join('\n')) + maxTokens;
    const reservation = budget?.reserve(worstCase);

    let reply: ChatReply;
    try {
      reply = await provider.complete({ messages, maxTokens }, signal);
    } catch (error) {
      if (reservation) budget!.settle(reservation, 0);
      throw error;
    }

    const { usage } = reply;
    if (reservation) budget!.settle(reservation, usage.promptTokens + usage.completionTokens);
    await this.options.onUsage?.(usage, usageCost(usage, this.options.price));
    return reply;
  }

  private settle(lead: Lead, item: ItemReading, truncated: boolean, unit: WorkUnit, job: Job) {
    const failure = item.ok ? this.score(lead, item, job) : item;
    if (failure === undefined) return;

    const attempts = (job.attempts.get(lead.id) ?? 0) + 1;
    job.attempts.set(lead.id, attempts);
    if (attempts <= this.options.itemRetries) {
      const alone = this.maxTokensFor(1);
      const more = unit.leads.length === 1 ? unit.maxTokens * 2 : alone * 2;
      job.queue.push({ leads: [lead], maxTokens: truncated ? more : alone });
      return;
    }
    job.results.set(lead.id, scoreFailure(failure.code, failure.message, failure.raw || undefined));
  }

  /** Scores a well-formed answer; returns the failure when a value is out of range. */
  private score(lead: Lead, item: Extract<ItemReading, { ok: true }>, job: Job) {
    try {
      const provenance = {
        model: this.options.provider.model,
        promptSha256: job.prompt.sha256,
        promptTemplate,
      };
      job.results.set(
        lead.id,
        llmScoreDetail(lead, job.rubric, item.answer, this.name, provenance, job.scoredAt),
      );
      return undefined;
    } catch (error) {
      if (!isAppError(error) || error.code !== 'score_invalid') throw error;
      return { code: error.code, message: error.message, raw: item.raw };
    }
  }
}

function chunk<T>(items: T[], size: number): T[][] {
  const groups: T[][] = [];
  for (let i = 0; i < items.length; i += size) groups.push(items.slice(i, i + size));
  return groups;
}
