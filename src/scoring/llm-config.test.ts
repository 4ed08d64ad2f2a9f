import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { loadLlmConfig } from './llm-config.ts';

function failure(env: NodeJS.ProcessEnv): AppError {
  try {
    loadLlmConfig(env);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('loadLlmConfig', () => {
  it('defaults to the offline scorer and aims at no endpoint', () => {
    const config = loadLlmConfig({});

    expect(config).toMatchObject({
      scorer: 'offline',
      baseUrl: null,
      model: null,
      apiKey: null,
      batchSize: 10,
      concurrency: 4,
      jsonMode: true,
      prices: {},
      tokensPerRun: 0,
      tokensPerDay: 0,
    });
  });

  it('reads an endpoint, its key, limits and the price table', () => {
    const config = loadLlmConfig({
      LEADBASE_SCORER: 'llm',
      LEADBASE_LLM_BASE_URL: 'http://127.0.0.1:11434/v1',
      LEADBASE_LLM_MODEL: 'qwen2.5:7b',
      LEADBASE_LLM_API_KEY: 'secret',
      LEADBASE_LLM_BATCH_SIZE: '20',
      LEADBASE_LLM_CONCURRENCY: '8',
      LEADBASE_LLM_JSON_MODE: 'false',
      LEADBASE_LLM_PRICES: '{"qwen2.5:7b": {"input": 0.1, "output": 0.3}}',
      LEADBASE_LLM_TOKENS_PER_DAY: '1000000',
    });

    expect(config).toMatchObject({
      scorer: 'llm',
      baseUrl: 'http://127.0.0.1:11434/v1',
      model: 'qwen2.5:7b',
      apiKey: 'secret',
      batchSize: 20,
      concurrency: 8,
      jsonMode: false,
      prices: { 'qwen2.5:7b': { input: 0.1, output: 0.3 } },
      tokensPerDay: 1_000_000,
    });
  });

  it('names every bad variable', () => {
    const error = failure({
      LEADBASE_SCORER: 'gpt',
      LEADBASE_LLM_BASE_URL: 'ftp://example.invalid',
      LEADBASE_LLM_CONCURRENCY: '0',
      LEADBASE_LLM_PRICES: '{"m": {"input": -1, "output": 1}}',
    });

    expect(error.code).toBe('validation_failed');
    expect(error.issues!.map((issue) => issue.path)).toEqual([
      'LEADBASE_SCORER',
      'LEADBASE_LLM_BASE_URL',
      'LEADBASE_LLM_CONCURRENCY',
      'LEADBASE_LLM_PRICES.m.input',
    ]);
  });

  it('says when the price table is not JSON', () => {
    const error = failure({ LEADBASE_LLM_PRICES: '{gpt: 1}' });

    expect(error.message).toBe('invalid LLM configuration: LEADBASE_LLM_PRICES: is not JSON');
  });
});
