import { AppError, isAppError } from '../errors.ts';
import { logger } from '../logger.ts';
import { type TokenBudget, usageCost } from './llm-budget.ts';
import type { ModelPrice } from './llm-config.ts';
import type { AnswerReading, ItemReading } from './llm-items.ts';
import {
  type ChatMessage,
  type ChatReply,
  type ChatRequest,
  estimateTokens,
  type TokenUsage,
} from './llm-provider.ts';
import { type ScoreFailure, scoreFailure } from './scorer.ts';

/** What a model scorer needs of a provider; ChatCompletionsProvider is the one in use. */
export interface ChatProvider {
  readonly model: string;
  complete(request: ChatRequest, signal: AbortSignal): Promise<ChatReply>;
}

export interface LlmBatchOptions {
  provider: ChatProvider;
  /** Items per request. */
  batchSize: number;
  /** Requests in flight at once. */
  concurrency: number;
  completionTokensPerItem: number;
  /** Extra attempts, one item per request, for an item whose answer was unusable. */
  itemRetries: number;
  budget?: TokenBudget;
  price?: ModelPrice;
  /** Called after every reply with what it used; the operation adds it to the ledger. */
  onUsage?: (usage: TokenUsage, cost: number) => Promise<void>;
}

/** One scoring job: the instructions, how items are shown and read, and what they come to. */
export interface LlmJob<T, A, R> {
  /** What the items are, for logs ("leads", "posts"). */
  noun: string;
  system: string;
  idOf(item: T): string;
  /** The user message that shows the model these items. */
  message(items: T[]): string;
  readReply(reply: ChatReply, ids: string[]): AnswerReading<A>;
  /** The result of a well-formed answer; throws AppError 'score_invalid' for a value out of range. */
  result(item: T, answer: A): R;
}

/** Room for the JSON envelope and any words around it, beyond the per-item allowance. */
const replyOverheadTokens = 100;

interface WorkUnit<T> {
  items: T[];
  maxTokens: number;
}

/** One run of a job: what is left to ask and what has been answered. */
interface Pass<T, A, R> {
  job: LlmJob<T, A, R>;
  signal: AbortSignal;
  queue: WorkUnit<T>[];
  attempts: Map<string, number>;
  results: Map<string, R | ScoreFailure>;
}

/** Errors that end the whole run for this client, not one item. */
function stopsTheRun(error: unknown): error is AppError {
  return isAppError(error) && ['provider_unavailable', 'budget_exhausted'].includes(error.code);
}

function chunk<T>(items: T[], size: number): T[][] {
  const groups: T[][] = [];
  for (let i = 0; i < items.length; i += size) groups.push(items.slice(i, i + size));
  return groups;
}

/**
 * Asks a model about items in batches, the way every LLM scorer does: answers are matched by
 * item ID; an item whose answer is missing, malformed, cut off or out of range is asked again
 * alone, and after its retries fails with the reason's code. When the provider keeps failing or
 * the budget runs out, the job returns what it has (the rest failing with that code) and every
 * later job throws that error, so the run stops and can resume.
 */
export class LlmBatches {
  /** Why these batches stopped asking, once they have. */
  stopped: AppError | undefined;

  constructor(readonly options: LlmBatchOptions) {}

  async run<T, A, R>(
    job: LlmJob<T, A, R>,
    items: T[],
    signal: AbortSignal,
  ): Promise<Map<string, R | ScoreFailure>> {
    if (this.stopped) throw this.stopped;
    const pass: Pass<T, A, R> = {
      job,
      signal,
      queue: chunk(items, this.options.batchSize).map((group) => ({
        items: group,
        maxTokens: this.maxTokensFor(group.length),
      })),
      attempts: new Map(),
      results: new Map(),
    };

    await this.drain(pass);

    for (const item of items) {
      const id = job.idOf(item);
      if (pass.results.has(id)) continue;
      const reason = this.stopped ?? new AppError('internal_error', 'the item was never asked');
      pass.results.set(id, scoreFailure(reason.code, reason.message));
    }
    return pass.results;
  }

  private maxTokensFor(itemCount: number): number {
    return this.options.completionTokensPerItem * itemCount + replyOverheadTokens;
  }

  /** Runs the queue with bounded concurrency; retries join the queue as they arise. */
  private async drain<T, A, R>(pass: Pass<T, A, R>): Promise<void> {
    const worker = async () => {
      while (pass.queue.length > 0 && !this.stopped) {
        const unit = pass.queue.shift()!;
        try {
          await this.ask(unit, pass);
        } catch (error) {
          if (!stopsTheRun(error)) throw error;
          this.stopped ??= error;
        }
      }
    };
    await Promise.all(Array.from({ length: this.options.concurrency }, worker));
  }

  private async ask<T, A, R>(unit: WorkUnit<T>, pass: Pass<T, A, R>): Promise<void> {
    const { job } = pass;
    const messages: ChatMessage[] = [
      { role: 'system', content: job.system },
      { role: 'user', content: job.message(unit.items) },
    ];
    const reply = await this.complete(messages, unit.maxTokens, pass.signal);

    const reading = job.readReply(reply, unit.items.map(job.idOf));
    if (reading.unexpectedIds.length > 0) {
      logger.warn(
        { unexpected: reading.unexpectedIds.length, items: job.noun },
        'llm answered unasked items',
      );
    }
    for (const item of unit.items) {
      const answer = reading.items.get(job.idOf(item))!;
      this.settle(item, answer, reading.truncated, unit, pass);
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

  private settle<T, A, R>(
    item: T,
    reading: ItemReading<A>,
    truncated: boolean,
    unit: WorkUnit<T>,
    pass: Pass<T, A, R>,
  ): void {
    const id = pass.job.idOf(item);
    const failure = reading.ok ? this.score(item, reading, pass) : reading;
    if (failure === undefined) return;

    const attempts = (pass.attempts.get(id) ?? 0) + 1;
    pass.attempts.set(id, attempts);
    if (attempts <= this.options.itemRetries) {
      const alone = this.maxTokensFor(1);
      const more = unit.items.length === 1 ? unit.maxTokens * 2 : alone * 2;
      pass.queue.push({ items: [item], maxTokens: truncated ? more : alone });
      return;
    }
    pass.results.set(id, scoreFailure(failure.code, failure.message, failure.raw || undefined));
  }

  /** Scores a well-formed answer; returns the failure when a value is out of range. */
  private score<T, A, R>(
    item: T,
    reading: Extract<ItemReading<A>, { ok: true }>,
    pass: Pass<T, A, R>,
  ) {
    try {
      pass.results.set(pass.job.idOf(item), pass.job.result(item, reading.answer));
      return undefined;
    } catch (error) {
      if (!isAppError(error) || error.code !== 'score_invalid') throw error;
      return { code: error.code, message: error.message, raw: reading.raw };
    }
  }
}
