import { describe, expect, it } from 'vitest';
import { withArticle } from './words.ts';

describe('withArticle', () => {
  it('puts "an" before a vowel and "a" before a consonant', () => {
    expect(
      ['ingest', 'portal', 'object', 'webhook', 'undefined', 'Admin'].map(withArticle),
    ).toEqual(['an ingest', 'a portal', 'an object', 'a webhook', 'an undefined', 'an Admin']);
  });
});
