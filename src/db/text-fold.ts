const nonAscii = /[^\p{ASCII}]/u;
const nonAsciiChars = /[^\p{ASCII}]/gu;
/** Each non-ASCII character folded once: search folds every row, and most repeat few letters. */
const foldedChars = new Map<string, string>();

/**
 * Lower-case letters that compatibility decomposition leaves whole but that people type as plain
 * Latin letters ("Weiß" as "weiss", "Łukasz" as "lukasz"). Slugs and scoring use this table too.
 */
export const latinLetterFolds: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  ø: 'o',
  œ: 'oe',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
  ŧ: 't',
};

function foldChar(char: string): string {
  let folded = foldedChars.get(char);
  if (folded === undefined) {
    // A final sigma is the same letter as σ; lower-casing picks one by position in the word.
    const bare = char.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace('ς', 'σ');
    folded = latinLetterFolds[bare] ?? bare;
    foldedChars.set(char, folded);
  }
  return folded;
}

/**
 * Text as searched: lower-cased, accents dropped, compatibility forms decomposed and the letters
 * of latinLetterFolds spelled out, so that "Zoë", "ZOE" and "zoe" meet, and "Weiß" and "weiss".
 * Search terms and the engine's folded columns (Dialect.foldedText) use this one rule.
 */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  return nonAscii.test(lower) ? lower.replace(nonAsciiChars, foldChar) : lower;
}
