/**
 * The line on which each person of a LinkedHelper file starts, in the order linkedHelperItems
 * reads them: the body when it is an object; else each item of the top array, or each item of
 * an array inside it (a delivery). Values nested inside a person are not persons. Items that
 * are not objects count too: they are rejected, and their rejection names their line.
 */
export function personStartLines(json: string): number[] {
  const lines: number[] = [];
  // Open containers, innermost last: '[' or '{'.
  const open: string[] = [];
  let line = 1;
  let valueNext = true;

  for (let index = 0; index < json.length; index += 1) {
    const char = json[index]!;
    if (char === '\n') line += 1;
    if (char === ' ' || char === '\t' || char === '\n' || char === '\r') continue;
    if (valueNext && char !== ']' && char !== '}' && isPersonLevel(open, char)) lines.push(line);
    valueNext = false;

    if (char === '"') index = stringEnd(json, index);
    else if (char === '[' || char === '{') {
      open.push(char);
      valueNext = char === '[';
    } else if (char === ']' || char === '}') open.pop();
    else if (char === ',') valueNext = open.at(-1) === '[';
  }
  return lines;
}

/** Whether a value that starts with `char` inside `open` is where a person stands. */
function isPersonLevel(open: string[], char: string): boolean {
  if (open.length === 0) return char === '{';
  if (open.length === 1) return open[0] === '[' && char !== '[';
  return open.length === 2 && open[0] === '[' && open[1] === '[';
}

/** The index of the quote that closes the string opening at `start` (or the text's end). */
function stringEnd(json: string, start: number): number {
  for (let index = start + 1; index < json.length; index += 1) {
    const char = json[index];
    if (char === '\\') index += 1;
    else if (char === '"') return index;
  }
  return json.length;
}
