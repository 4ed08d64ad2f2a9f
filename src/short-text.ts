const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * `text` cut to at most `max` characters as a reader sees them (an emoji, a flag or a letter with
 * its accents counts as one and is never split), ending in "…" when it was cut.
 */
export function shortened(text: string, max: number): string {
  if (text.length <= max) return text;
  let kept = 0;
  let count = 0;
  for (const { segment } of graphemes.segment(text)) {
    count += 1;
    if (count > max) return `${text.slice(0, kept)}…`;
    if (count < max) kept += segment.length;
  }
  return text;
}
