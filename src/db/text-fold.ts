const nonAscii = /[^\p{ASCII}]/u;

/**
 * Text as searched: decomposed, accents dropped, lower-cased, so that "Zoë", "ZOE" and "zoe"
 * meet. Search terms and the engine's folded columns (Dialect.foldedText) use this one rule.
 */
export function foldText(text: string): string {
  // Most profile text is plain ASCII; skipping normalisation there makes search scans cheap.
  if (!nonAscii.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}
