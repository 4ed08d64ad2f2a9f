/**
 * Engagement counts as sources state them: numbers, '1,204' (a thousands separator), '1.2K',
 * or '' — which means unknown, never 0.
 */

const grouped = /^\d{1,3}(?:[,.\s\u00a0\u202f']\d{3})+$/;
const abbreviated = /^(\d+(?:[.,]\d+)?)\s*([kKmM])$/;

function fromText(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  if (grouped.test(trimmed)) return Number(trimmed.replace(/\D/g, ''));
  const short = abbreviated.exec(trimmed);
  if (!short) return null;
  const factor = short[2]!.toLowerCase() === 'k' ? 1_000 : 1_000_000;
  return Math.round(Number(short[1]!.replace(',', '.')) * factor);
}

/** A non-negative whole count, or null when the value is absent, blank or not a count. */
export function parseCount(value: unknown): number | null {
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= 0 ? value : null;
  }
  if (typeof value === 'string') return fromText(value);
  return null;
}
