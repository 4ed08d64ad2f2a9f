/**
 * A form's draft moved onto the lead as someone else has since saved it: each field this person
 * changed from `base` keeps what they chose, every other field takes the `latest` saved value.
 * Saving the result never undoes another person's change to a field this person did not touch.
 */
export function rebaseDraft<V extends object>(
  base: V,
  draft: V,
  latest: V,
  fields: readonly (keyof V)[],
  same: (a: V[keyof V], b: V[keyof V]) => boolean = Object.is,
): V {
  const moved = { ...latest };
  for (const field of fields) {
    if (!same(draft[field], base[field])) moved[field] = draft[field];
  }
  return moved;
}

/** `draft` with `fields` taken from `source` (a conflict settled as "keep theirs"). */
export function withFieldsOf<V extends object>(
  draft: V,
  source: V,
  fields: readonly (keyof V)[],
): V {
  const next = { ...draft };
  for (const field of fields) next[field] = source[field];
  return next;
}
