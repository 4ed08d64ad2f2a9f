import { latinLetterFolds } from '../db/text-fold.ts';

/** A word of a text: its folded form and where it sits in the original text. */
export interface Token {
  folded: string;
  start: number;
  end: number;
}

/** A text cut into words, with an index from each folded word to where it occurs. */
export interface TokenizedText {
  text: string;
  tokens: Token[];
  positions: Map<string, number[]>;
}

/** Where a phrase matched: token indices (inclusive) and the original text it covers. */
export interface PhraseMatch {
  firstToken: number;
  lastToken: number;
  text: string;
}

// Han and kana are written without spaces, so each character is a word of its own (group 1);
// any other run of letters, digits and combining marks is one word. A run is matched in pieces
// of at most 256 characters that tokenize joins again: an unbounded repeat makes the regex
// engine keep a backtrack entry per character and overflow the stack on a cell of a few
// million letters (or far fewer characters outside the BMP).
const wordPiecePattern =
  /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])[\p{L}\p{N}\p{M}]){1,256}/gu;

// Letters that NFKD leaves whole but that people type without their stroke or ligature: the
// same table search folds by, so a phrase and a search term meet the same words.
const strokedLetters = new RegExp(`[${Object.keys(latinLetterFolds).join('')}]`, 'gu');

// What may stand between two words of one phrase: spaces, hyphens, an apostrophe, a dot, a
// comma ("VP, Operations"), `&` or `+`. Bars, slashes, bullets, brackets, colons and dashes
// separate phrases ("CFO | Payments").
const innerGap = /^[\s'’.,&+_\-‐‑]*$/u;

/** Lower-case, accent-free form of a word, so "Zürich", "ZURICH" and "zurich" compare equal. */
export function foldWord(word: string): string {
  const stripped = word.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
  return stripped.replace(strokedLetters, (letter) => latinLetterFolds[letter] ?? letter);
}

function addToken(tokenized: TokenizedText, word: string, start: number): void {
  const folded = foldWord(word);
  if (folded === '') return;
  const { tokens, positions } = tokenized;
  tokens.push({ folded, start, end: start + word.length });
  const seen = positions.get(folded);
  if (seen) seen.push(tokens.length - 1);
  else positions.set(folded, [tokens.length - 1]);
}

/** Cuts a text into words: linear in its length, whatever its length. */
export function tokenize(text: string): TokenizedText {
  const tokenized: TokenizedText = { text, tokens: [], positions: new Map() };
  // The run being read: pieces that follow each other directly are one word.
  let run = '';
  let runStart = 0;
  for (const match of text.matchAll(wordPiecePattern)) {
    const piece = match[0];
    const single = match[1] !== undefined;
    if (!single && run !== '' && runStart + run.length === match.index) {
      run += piece;
      continue;
    }
    if (run !== '') addToken(tokenized, run, runStart);
    run = single ? '' : piece;
    runStart = match.index;
    if (single) addToken(tokenized, piece, match.index);
  }
  if (run !== '') addToken(tokenized, run, runStart);
  return tokenized;
}

/** The folded words of a phrase; empty when it holds no letter or digit. */
export function phraseWords(phrase: string): string[] {
  return tokenize(phrase).tokens.map((token) => token.folded);
}

/** Every place where `words` occur as consecutive whole words of `tokenized`. */
export function findPhrase(tokenized: TokenizedText, words: string[]): PhraseMatch[] {
  const first = words[0];
  if (first === undefined) return [];

  const matches: PhraseMatch[] = [];
  for (const start of tokenized.positions.get(first) ?? []) {
    const last = start + words.length - 1;
    if (continuesPhrase(tokenized, start, words)) {
      const text = tokenized.text.slice(
        tokenized.tokens[start]!.start,
        tokenized.tokens[last]!.end,
      );
      matches.push({ firstToken: start, lastToken: last, text });
    }
  }
  return matches;
}

/** Whether token `left` is directly followed by token `right` within one phrase. */
export function joined(tokenized: TokenizedText, left: number, right: number): boolean {
  const previous = tokenized.tokens[left];
  const token = tokenized.tokens[right];
  if (!previous || !token || right !== left + 1) return false;
  return innerGap.test(tokenized.text.slice(previous.end, token.start));
}

function continuesPhrase(tokenized: TokenizedText, start: number, words: string[]): boolean {
  for (let offset = 1; offset < words.length; offset += 1) {
    const token = tokenized.tokens[start + offset];
    if (token?.folded !== words[offset]) return false;
    if (!joined(tokenized, start + offset - 1, start + offset)) return false;
  }
  return true;
}
