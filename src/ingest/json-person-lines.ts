/**
 * The line on which each person object of a LinkedHelper file starts, in the order
 * linkedHelperInputs reads them: objects at the top or inside arrays only (a body, an array of
 * bodies, or an array of arrays). Objects nested inside a person are not persons.
 */
export function personStartLines(json: string): number[] {
  const lines: number[] = [];
  const open: string[] = [];
  let line = 1;
  let inString = false;

  for (let index = 0; index < json.length; index += 1) {
    const char = json[index];
    if (char === '\n') line += 1;
    if (inString) {
      if (char === '\\') index += 1;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    else if (char === '[' || char === '{') {
      if (char === '{' && open.every((container) => container === '[')) lines.push(line);
      open.push(char);
    } else if (char === ']' || char === '}') open.pop();
  }
  return lines;
}
