import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Reads a JSON file of the shared real-format cases (never copied into the repository). */
export function readCase<T>(name: string): T {
  return JSON.parse(readFileSync(resolve(repoRoot, '../shared/cases', name), 'utf8')) as T;
}
