import { readCaseJson } from '../../../test/support/cases.ts';

/** Reads a JSON file of the shared real-format cases (never copied into the repository). */
export function readCase<T>(name: string): T {
  return readCaseJson<T>(name);
}
