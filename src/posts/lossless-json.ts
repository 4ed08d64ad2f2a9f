/**
 * JSON.parse turns 7332121712352128371 into 7332121712352128000. Before parsing, every integer
 * literal too long to be exact as a number is quoted, so IDs arrive as the strings they were.
 */

const maxExactDigits = 15;

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9';
}

/** Where the string literal that opens at `start` ends (the index after its closing quote). */
function endOfString(text: string, start: number): number {
  let index = start + 1;
  while (index < text.length) {
    const char = text[index];
    if (char === '\\') index += 2;
    else if (char === '"') return index + 1;
    else index += 1;
  }
  return text.length;
}

/** Where the number literal that opens at `start` ends, and whether it is a bare integer. */
function scanNumber(text: string, start: number): { end: number; integer: boolean } {
  let index = start;
  let integer = true;
  if (text[index] === '-') index += 1;
  while (index < text.length && /[0-9.eE+-]/.test(text[index]!)) {
    if (!isDigit(text[index])) integer = false;
    index += 1;
  }
  return { end: index, integer };
}

/** The text with long integer literals (outside strings) wrapped in quotes. */
export function quoteLongIntegers(text: string): string {
  const parts: string[] = [];
  let copiedTo = 0;
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if (char === '"') {
      index = endOfString(text, index);
      continue;
    }
    if (!isDigit(char) && !(char === '-' && isDigit(text[index + 1]))) {
      index += 1;
      continue;
    }
    const { end, integer } = scanNumber(text, index);
    const digits = text.slice(index, end).replace('-', '');
    if (integer && digits.length > maxExactDigits) {
      parts.push(text.slice(copiedTo, index), `"${text.slice(index, end)}"`);
      copiedTo = end;
    }
    index = end;
  }
  parts.push(text.slice(copiedTo));
  return parts.join('');
}

/** JSON.parse that keeps integers longer than 15 digits exact, as strings. */
export function parseJsonLosslessly(text: string): unknown {
  return JSON.parse(quoteLongIntegers(text.replace(/^\uFEFF/, '')));
}
