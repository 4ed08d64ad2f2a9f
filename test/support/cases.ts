import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The shared real-format files are read in place, never copied into the repository. They sit
// in ../shared/cases beside the repository, or wherever LEADBASE_CASES_DIR points.

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Where the cases are looked for, and what chose that place. */
export function casesLocation(env: NodeJS.ProcessEnv = process.env): {
  dir: string;
  from: string;
} {
  const configured = env.LEADBASE_CASES_DIR?.trim();
  if (configured) {
    const dir = isAbsolute(configured) ? configured : resolve(repoRoot, configured);
    return { dir, from: `LEADBASE_CASES_DIR=${configured}` };
  }
  return {
    dir: resolve(repoRoot, '../shared/cases'),
    from: '../shared/cases beside the repository',
  };
}

/** The error a missing cases folder gives: where it looked and how to point elsewhere. */
export function missingCasesMessage(dir: string, from: string): string {
  return `the shared cases folder ${dir} (${from}) does not exist: place the repository beside shared/, or set LEADBASE_CASES_DIR to the folder holding the cases (its README.md lists them)`;
}

/** The cases folder the environment names; throws one clear message when it is not there. */
export function resolveCasesDir(env: NodeJS.ProcessEnv = process.env): string {
  const { dir, from } = casesLocation(env);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new Error(missingCasesMessage(dir, from));
  }
  return dir;
}

let checked: string | undefined;

export function casesDir(): string {
  checked ??= resolveCasesDir();
  return checked;
}

export const casePath = (name: string): string => join(casesDir(), name);

export const readCaseText = (name: string): string => readFileSync(casePath(name), 'utf8');

export function readCaseJson<T>(name: string): T {
  return JSON.parse(readCaseText(name)) as T;
}
