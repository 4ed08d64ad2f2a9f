/** The word with "a" or "an" before it, by its first letter: "an ingest", "a portal". */
export function withArticle(word: string): string {
  return /^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`;
}

/** The number with the noun after it, an "s" added unless it is one: "1 lead", "3 leads". */
export function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
