import { describe, expect, it } from 'vitest';
import { findPhrase, foldWord, phraseWords, tokenize } from './text-match.ts';

function matches(text: string, phrase: string): string[] {
  return findPhrase(tokenize(text), phraseWords(phrase)).map((match) => match.text);
}

describe('phrase matching', () => {
  it('ignores case and accents, in both the text and the phrase', () => {
    expect(matches('Geschäftsführer, ZÜRICH', 'geschaftsfuhrer')).toEqual(['Geschäftsführer']);
    expect(matches('based in zurich', 'Zürich')).toEqual(['zurich']);
    expect(matches('Leiter Logistik, Straße 5', 'strasse')).toEqual(['Straße']);
    expect(foldWord('İSTANBUL')).toBe('istanbul');
    expect(foldWord('Ørsted')).toBe('orsted');
  });

  it('matches whole words only', () => {
    expect(matches('CFOs and co-CFO', 'cfo')).toEqual(['CFO']);
    expect(matches('International sales', 'intern')).toEqual([]);
    expect(matches('Summer intern', 'intern')).toEqual(['intern']);
  });

  it('matches multi-word phrases across spaces, hyphens and commas, not across separators', () => {
    expect(matches('Co-Founder & CEO', 'co founder')).toEqual(['Co-Founder']);
    expect(matches('VP, Procurement', 'vp procurement')).toEqual(['VP, Procurement']);
    expect(matches('Head  of\nProcurement', 'head of procurement')).toEqual([
      'Head  of\nProcurement',
    ]);
    expect(matches('Finance | Director of Ops', 'finance director')).toEqual([]);
    expect(matches('Procurement/Supply Chain', 'procurement supply')).toEqual([]);
  });

  it('finds every occurrence with its original spelling', () => {
    expect(matches('Freight, more FREIGHT, frëight', 'freight')).toEqual([
      'Freight',
      'FREIGHT',
      'frëight',
    ]);
  });

  it('reads Han and kana characters as words, so phrases match inside unspaced text', () => {
    expect(matches('北辰数据科技 采购经理', '采购')).toEqual(['采购']);
    expect(matches('採用担当', '採用')).toEqual(['採用']);
  });

  it('finds nothing for a phrase without letters or digits', () => {
    expect(phraseWords('— / —')).toEqual([]);
    expect(matches('anything', '—')).toEqual([]);
  });

  it('reads a word of any length whole, in one linear pass', () => {
    const long = 'x'.repeat(20_000_000);
    const astral = '𝐀'.repeat(300_000);
    const tokens = tokenize(`CFO ${long} at ${astral}東京 Freight`).tokens;

    expect(tokens.map((token) => token.end - token.start)).toEqual([
      3, 20_000_000, 2, 600_000, 1, 1, 7,
    ]);
    expect(matches(`${'a'.repeat(300)}b Head of Procurement`, 'head of procurement')).toEqual([
      'Head of Procurement',
    ]);
    expect(matches(`${'a'.repeat(256)} ${'a'.repeat(256)}`, 'a'.repeat(256))).toHaveLength(2);
    expect(matches('a'.repeat(512), 'a'.repeat(256))).toEqual([]);
  });
});
