import { describe, expect, it } from 'vitest';
import { shortened } from './short-text.ts';

describe('shortened', () => {
  it('keeps a text that fits, and cuts a long one to the limit with an ellipsis', () => {
    expect(shortened('freight', 7)).toBe('freight');
    expect(shortened('freight and logistics', 8)).toBe('freight…');
  });

  it('never splits an emoji, a flag or a letter with its accent', () => {
    const smiles = `${'a'.repeat(3)}${'😀'.repeat(10)}`;
    expect(shortened(smiles, 6)).toBe('aaa😀😀…');
    expect(shortened('🇫🇷🇩🇪🇮🇹🇪🇸', 3)).toBe('🇫🇷🇩🇪…');
    expect(shortened('e\u0301e\u0301e\u0301e\u0301', 3)).toBe('e\u0301e\u0301…');
  });

  it('counts a text of few readable characters but many code units as what it shows', () => {
    const family = '👨‍👩‍👧‍👦';
    expect(shortened(family.repeat(3), 3)).toBe(family.repeat(3));
  });
});
