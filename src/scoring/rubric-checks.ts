import type { z } from 'zod';
import { phraseWords } from './text-match.ts';

// The checks that span several fields of a rubric; the schema checks each field alone.

interface CheckedAttribute {
  id: string;
  kind: 'positive' | 'negative';
  max?: number;
  penalty?: number;
  signals: { phrase: string; weight: number }[];
  exclude: string[];
  examples: { points: number }[];
  minToQualify?: number | undefined;
}

type Context = z.RefinementCtx;

function complain(context: Context, path: PropertyKey[], message: string): void {
  context.addIssue({ code: 'custom', path, message });
}

/** Limits that follow from the attribute's own maximum or penalty. */
export function checkAttribute(attribute: CheckedAttribute, context: Context): void {
  const limit = attribute.kind === 'positive' ? attribute.max : attribute.penalty;
  const limitName = attribute.kind === 'positive' ? 'max' : 'penalty';
  // A bad maximum is reported on its own; limits derived from it would only add noise.
  if (typeof limit !== 'number' || !(limit > 0)) return;

  checkSignals(attribute, limit, limitName, context);
  checkPhrases(attribute.exclude, ['exclude'], context);

  const low = attribute.kind === 'positive' ? 0 : -limit;
  const high = attribute.kind === 'positive' ? limit : 0;
  attribute.examples.forEach((example, index) => {
    if (example.points < low || example.points > high) {
      const message = `must be between ${low} and ${high} (the attribute's range)`;
      complain(context, ['examples', index, 'points'], message);
    }
  });

  checkMinToQualify(attribute, low, high, context);
}

function checkSignals(
  attribute: CheckedAttribute,
  limit: number,
  limitName: string,
  context: Context,
): void {
  attribute.signals.forEach((signal, index) => {
    if (signal.weight > limit) {
      const message = `must not exceed the attribute's ${limitName} (${limit})`;
      complain(context, ['signals', index, 'weight'], message);
    }
  });
  checkPhrases(
    attribute.signals.map((signal) => signal.phrase),
    ['signals', '*', 'phrase'],
    context,
  );
}

/** Each phrase must hold a word, and no two may be the same words. */
function checkPhrases(phrases: string[], path: PropertyKey[], context: Context): void {
  const seen = new Map<string, number>();
  phrases.forEach((phrase, index) => {
    const at = path.map((part) => (part === '*' ? index : part));
    if (path.length === 1) at.push(index);
    const words = phraseWords(phrase);
    if (words.length === 0) {
      complain(context, at, `"${phrase}" holds no letter or digit to match`);
      return;
    }
    const key = words.join(' ');
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      complain(context, at, `"${phrase}" repeats entry ${earlier} (same words)`);
    }
    seen.set(key, index);
  });
}

function checkMinToQualify(
  attribute: CheckedAttribute,
  low: number,
  high: number,
  context: Context,
): void {
  const minimum = attribute.minToQualify;
  if (minimum === undefined) return;
  // A minimum at the bottom of the range could never be missed, so it is surely a mistake.
  if (minimum <= low || minimum > high) {
    const message = `must be above ${low} and at most ${high} (the attribute's range)`;
    complain(context, ['minToQualify'], message);
  }
}

/** Ids are unique (ignoring case, as answers may change it) and something earns points. */
export function checkAttributeSet(
  attributes: { id: string; kind: 'positive' | 'negative' }[],
  context: Context,
): void {
  const seen = new Map<string, number>();
  attributes.forEach((attribute, index) => {
    const key = attribute.id.toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      const message = `"${attribute.id}" is already the id of attributes[${earlier}]`;
      complain(context, ['attributes', index, 'id'], message);
    }
    seen.set(key, index);
  });

  const hasPositive = attributes.some((attribute) => attribute.kind === 'positive');
  if (attributes.length > 0 && !hasPositive) {
    complain(context, ['attributes'], 'must include a positive attribute (one with a max)');
  }
}
