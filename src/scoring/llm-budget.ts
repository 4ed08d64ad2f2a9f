import { sql } from 'kysely';
import { z } from 'zod';
import type { Client } from '../clients/client.ts';
import type { TenantStore } from '../db/tenancy.ts';
import { AppError } from '../errors.ts';
import type { LlmConfig, ModelPrice } from './llm-config.ts';
import type { TokenUsage } from './llm-provider.ts';

/** Token limits for one client (0: no limit). */
export interface TokenLimits {
  perRun: number;
  perDay: number;
}

// Read from the client's stored settings, which may carry these keys beside the others.
const clientLimitsSchema = z.object({
  llmTokensPerRun: z.number().int().min(0).optional(),
  llmTokensPerDay: z.number().int().min(0).optional(),
});

/** The client's own limits where its settings state them, the configured ones otherwise. */
export function clientTokenLimits(client: Client, config: LlmConfig): TokenLimits {
  const own = clientLimitsSchema.safeParse(client.settings);
  const stated = own.success ? own.data : {};
  return {
    perRun: stated.llmTokensPerRun ?? config.tokensPerRun,
    perDay: stated.llmTokensPerDay ?? config.tokensPerDay,
  };
}

/** US dollars for one reply; a model missing from the price table costs 0. */
export function usageCost(usage: TokenUsage, price: ModelPrice | undefined): number {
  if (price === undefined) return 0;
  return (usage.promptTokens * price.input + usage.completionTokens * price.output) / 1_000_000;
}

/** The settings key counting a client's LLM tokens on one of its calendar days. */
export function dailyTokensKey(day: string): string {
  return `llm.tokens.${day}`;
}

export async function readDailyTokens(store: TenantStore, day: string): Promise<number> {
  const row = await store.db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', dailyTokensKey(day))
    .executeTakeFirst();
  return row ? Number(row.value) : 0;
}

/** Adds to the day's count in one atomic upsert, so concurrent runs never lose tokens. */
export async function addDailyTokens(store: TenantStore, day: string, tokens: number) {
  await store.db
    .insertInto('settings')
    .values({ key: dailyTokensKey(day), value: String(tokens) })
    .onConflict((conflict) =>
      conflict.column('key').doUpdateSet({
        value: sql<string>`cast(cast(settings.value as integer) + ${tokens} as text)`,
      }),
    )
    .execute();
}

/** A request's claim on the budget until its reply says what it really used. */
export interface Reservation {
  tokens: number;
}

/**
 * The tokens one run may still spend. A request reserves its worst case (prompt plus max
 * completion tokens) before it is sent, so requests in flight together can never overshoot;
 * its reply then settles the reservation to what the provider counted.
 */
export class TokenBudget {
  private used = 0;
  private reserved = 0;

  constructor(
    private readonly limits: TokenLimits,
    private readonly usedTodayBefore: number,
  ) {}

  get spent(): number {
    return this.used;
  }

  /** Throws 'budget_exhausted' when the run's or the day's limit has no room left. */
  reserve(tokens: number): Reservation {
    const committed = this.used + this.reserved + tokens;
    const { perRun, perDay } = this.limits;
    if (perRun > 0 && committed > perRun) {
      throw this.exhausted('run', perRun, this.used);
    }
    if (perDay > 0 && this.usedTodayBefore + committed > perDay) {
      throw this.exhausted('day', perDay, this.usedTodayBefore + this.used);
    }
    this.reserved += tokens;
    return { tokens };
  }

  settle(reservation: Reservation, actual: number): void {
    this.reserved -= reservation.tokens;
    this.used += actual;
  }

  /** Whether the day's limit is already spent before this run sends anything. */
  dayExhausted(): boolean {
    return this.limits.perDay > 0 && this.usedTodayBefore >= this.limits.perDay;
  }

  private exhausted(scope: 'run' | 'day', limit: number, used: number): AppError {
    return new AppError(
      'budget_exhausted',
      `the LLM token budget per ${scope} (${limit}) is spent: ${used} used, the next request needs more`,
      { details: { scope, limit, used } },
    );
  }
}
