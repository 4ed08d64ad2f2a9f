import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldText } from './text-fold.ts';

describe('foldText', () => {
  it('drops case and accents, and decomposes compatibility forms', () => {
    expect(foldText('Zoë ÅBERG')).toBe('zoe aberg');
    expect(foldText('İstanbul')).toBe('istanbul');
    expect(foldText('e\u0301cole')).toBe('ecole');
    expect(foldText('ﬁne Ａｂｃ')).toBe('fine abc');
    expect(foldText('Ødegaard straße 北京')).toBe('ødegaard straße 北京');
    expect(foldText('ΟΔΥΣΣΕΥΣ')).toBe('οδυσσευσ');
  });

  it('gives what whole-text normalisation gives, and is stable', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const folded = foldText(text);
        const whole = text
          .normalize('NFKD')
          .replace(/\p{M}/gu, '')
          .toLowerCase()
          .replaceAll('ς', 'σ');
        expect(foldText(folded)).toBe(folded);
        expect(folded.normalize('NFC')).toBe(whole.normalize('NFC'));
      }),
    );
  });
});
