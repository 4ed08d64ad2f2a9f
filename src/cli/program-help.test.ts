import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { type CliWorld, createCliWorld } from '../../test/support/cli.ts';

let world: CliWorld;
afterEach(() => world?.close());

const sourceRoot = fileURLToPath(new URL('..', import.meta.url));

/** Set by the CLI itself (logs to stderr) or by the test runner: nothing a person sets. */
const internal = new Set(['LEADBASE_LOG_DESTINATION', 'NODE_ENV']);

/** Every environment variable name the code under src/ mentions, tests left out. */
function variablesInSource(): string[] {
  const names = new Set<string>();
  const files = readdirSync(sourceRoot, { recursive: true, encoding: 'utf8' }).filter(
    (file) => file.endsWith('.ts') && !file.endsWith('.test.ts'),
  );
  for (const file of files) {
    const text = readFileSync(join(sourceRoot, file), 'utf8');
    for (const match of text.matchAll(
      /\b(LEADBASE_[A-Z0-9_]*[A-Z0-9]|DATABASE_URL|PORT|HOST|LOG_LEVEL|NODE_ENV)\b/g,
    )) {
      names.add(match[1] as string);
    }
  }
  return [...names].filter((name) => !internal.has(name)).sort();
}

/** Whether the help names a variable, itself or as `GROUP_*` followed by its own part. */
function named(help: string, name: string): boolean {
  if (new RegExp(`\\b${name}\\b`).test(help)) return true;
  const group = /^(LEADBASE_(?:LLM|APIFY|WORKER)_)(.+)$/.exec(name);
  if (!group) return false;
  const section = help.slice(help.indexOf(`${group[1]}*`));
  const end = section.search(/\n {2}[A-Z]/);
  return new RegExp(`\\b${group[2]}\\b`).test(end === -1 ? section : section.slice(0, end));
}

describe('leadbase --help', () => {
  it('lists every environment variable the code reads', async () => {
    world = createCliWorld();

    const { code, stdout } = await world.run('--help');
    const environment = stdout.slice(stdout.indexOf('Environment'));
    const variables = variablesInSource();

    expect(code).toBe(0);
    expect(variables).toEqual(expect.arrayContaining(['DATABASE_URL', 'LEADBASE_APIFY_TOKEN']));
    expect(variables.filter((name) => !named(environment, name))).toEqual([]);
  });

  it('names the post rubric format and a working example under posts rubric import --help', async () => {
    world = createCliWorld();

    const { code, stdout } = await world.run('posts', 'rubric', 'import', '--help');
    const example = /example: (examples\/rubrics\/[\w-]+\.json)/.exec(stdout)?.[1];
    await world.run('clients', 'add', 'Acme', '--service-level', 'leads+posts');
    const imported = await world.run('posts', 'rubric', 'import', `${example}`, '--client', 'acme');

    expect(code).toBe(0);
    expect(stdout).toContain('docs/rubrics.md, "Post rubrics"');
    expect(stdout).toContain('"kind": "positive" | "negative"');
    expect(example).toBe('examples/rubrics/haulwise-posts.json');
    expect([imported.code, imported.stdout]).toEqual([
      0,
      'client acme: post rubric v1 "Haulwise – posts worth answering" added and made current (5 criteria)\n',
    ]);
  });
});
