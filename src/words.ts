/** The word with "a" or "an" before it, by its first letter: "an ingest", "a portal". */
export function withArticle(word: string): string {
  return /^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`;
}
