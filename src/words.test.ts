import { describe, expect, it } from 'vitest';
import { counted, withArticle } from './words.ts';

describe('withArticle', () => {
  it('puts "an" before a vowel and "a" before a consonant', () => {
    expect(
      ['ingest', 'portal', 'object', 'webhook', 'undefined', 'Admin'].map(withArticle),
    ).toEqual(['an ingest', 'a portal', 'an object', 'a webhook', 'an undefined', 'an Admin']);
  });
});

describe('counted', () => {
  it('adds an "s" to the noun unless the number is one', () => {
    expect([0, 1, 2].map((n) => counted(n, 'lead'))).toEqual(['0 leads', '1 lead', '2 leads']);
  });
});
