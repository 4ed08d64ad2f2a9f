import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldText, latinLetterFolds } from './text-fold.ts';

describe('foldText', () => {
  it('drops case and accents, and decomposes compatibility forms', () => {
    expect(foldText('Zoë ÅBERG')).toBe('zoe aberg');
    expect(foldText('İstanbul')).toBe('istanbul');
    expect(foldText('e\u0301cole')).toBe('ecole');
    expect(foldText('ﬁne Ａｂｃ')).toBe('fine abc');
    expect(foldText('ΟΔΥΣΣΕΥΣ')).toBe('οδυσσευσ');
    expect(foldText('北京')).toBe('北京');
  });

  it('spells out the letters people type as plain Latin letters', () => {
    expect(foldText('Ødegaard STRASSE Straße Weiß')).toBe('odegaard strasse strasse weiss');
    expect(foldText('Łukasz Søren Æble Œuvre Đorđe Þór Ðóra ǿ')).toBe(
      'lukasz soren aeble oeuvre dorde thor dora o',
    );
  });

  it('gives what whole-text normalisation gives, and is stable', () => {
    const letters = new RegExp(`[${Object.keys(latinLetterFolds).join('')}]`, 'gu');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const folded = foldText(text);
        const whole = text
          .normalize('NFKD')
          .replace(/\p{M}/gu, '')
          .toLowerCase()
          .replaceAll('ς', 'σ')
          .replace(letters, (letter) => latinLetterFolds[letter]!);
        expect(foldText(folded)).toBe(folded);
        expect(folded.normalize('NFC')).toBe(whole.normalize('NFC'));
      }),
    );
  });
});
