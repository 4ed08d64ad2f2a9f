const nonAscii = /[^\p{ASCII}]/u;
const nonAsciiChars = /[^\p{ASCII}]/gu;
/** Each non-ASCII character folded once: search folds every row, and most repeat few letters. */
const foldedChars = new Map<string, string>();

function foldChar(char: string): string {
  let folded = foldedChars.get(char);
  if (folded === undefined) {
    // A final sigma is the same letter as σ; lower-casing picks one by position in the word.
    folded = char.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace('ς', 'σ');
    foldedChars.set(char, folded);
  }
  return folded;
}

/**
 * Text as searched: lower-cased, accents dropped, compatibility forms decomposed, so that "Zoë",
 * "ZOE" and "zoe" meet. Search terms and the engine's folded columns (Dialect.foldedText) use
 * this one rule.
 */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  return nonAscii.test(lower) ? lower.replace(nonAsciiChars, foldChar) : lower;
}
