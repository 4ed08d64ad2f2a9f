/** Immutable edits of a list of rows, as the editors make them. */
export function replaceAt<T>(list: T[], index: number, patch: Partial<T>): T[] {
  return list.map((item, at) => (at === index ? { ...item, ...patch } : item));
}

export function removeAt<T>(list: T[], index: number): T[] {
  return list.filter((_, at) => at !== index);
}
