import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { casesLocation, resolveCasesDir } from './cases.ts';

const repoRoot = resolve(import.meta.dirname, '../..');
const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the shared cases folder', () => {
  it('is ../shared/cases beside the repository unless LEADBASE_CASES_DIR names another', () => {
    expect(casesLocation({}).dir).toBe(resolve(repoRoot, '../shared/cases'));
    expect(casesLocation({ LEADBASE_CASES_DIR: '/srv/cases' })).toEqual({
      dir: '/srv/cases',
      from: 'LEADBASE_CASES_DIR=/srv/cases',
    });
    expect(casesLocation({ LEADBASE_CASES_DIR: 'fixtures/cases' }).dir).toBe(
      resolve(repoRoot, 'fixtures/cases'),
    );
  });

  it('accepts a folder that exists', () => {
    const dir = mkdtempSync(join(tmpdir(), 'leadbase-cases-'));
    made.push(dir);
    expect(resolveCasesDir({ LEADBASE_CASES_DIR: dir })).toBe(dir);
  });

  it('fails with one message saying where it looked and how to point elsewhere', () => {
    const dir = join(tmpdir(), 'leadbase-no-such-cases');
    expect(() => resolveCasesDir({ LEADBASE_CASES_DIR: dir })).toThrow(
      `the shared cases folder ${dir} (LEADBASE_CASES_DIR=${dir}) does not exist: place the repository beside shared/, or set LEADBASE_CASES_DIR to the folder holding the cases (its README.md lists them)`,
    );
  });
});
