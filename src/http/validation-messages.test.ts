import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { plainValidationMessages } from './validation-messages.ts';

function messageOf(schema: z.ZodType, value: unknown): string | undefined {
  const result = schema.safeParse(value, { error: plainValidationMessages });
  return result.error?.issues[0]?.message;
}

describe('plain validation messages', () => {
  it('says sizes in characters, items and numbers, with thousands separated', () => {
    expect(messageOf(z.string().max(1000), 'x'.repeat(1001))).toBe(
      'must be at most 1,000 characters',
    );
    expect(messageOf(z.string().min(3), 'ab')).toBe('must be at least 3 characters');
    expect(messageOf(z.string().length(2), 'abc')).toBe('must be exactly 2 characters');
    expect(messageOf(z.array(z.number()).min(1), [])).toBe('must not be empty');
    expect(messageOf(z.array(z.number()).max(1), [1, 2])).toBe('must have at most 1 item');
    expect(messageOf(z.number().gt(0), 0)).toBe('must be more than 0');
    expect(messageOf(z.number().lte(5000), 5001)).toBe('must be at most 5,000');
  });

  it('names the type wanted and the one given, and every allowed value', () => {
    expect(messageOf(z.number(), '3')).toBe('must be a number, not text');
    expect(messageOf(z.int(), 1.5)).toBe('must be a whole number, not a fraction');
    expect(messageOf(z.object({ a: z.string() }), { a: undefined })).toBe('is required');
    expect(messageOf(z.enum(['a', 'b']), 'c')).toBe('must be one of: a, b');
    expect(messageOf(z.literal('yes'), 'no')).toBe('must be yes');
    expect(messageOf(z.url(), 'nope')).toBe('must be a URL');
  });

  it("keeps a schema's own message", () => {
    expect(messageOf(z.string().regex(/^\d+$/, 'must be digits'), 'x')).toBe('must be digits');
  });
});
