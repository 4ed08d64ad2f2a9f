import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { type CliWorld, createCliWorld } from '../../test/support/cli.ts';
import { parsePostRubric } from '../posts/post-rubric.ts';

let world: CliWorld;
afterEach(() => world?.close());

const exampleRubric = 'examples/rubrics/haulwise-posts.json';
const examplePosts = 'examples/haulwise/apify-posts.json';

describe('the example post rubric and posts', () => {
  it('the example post rubric, and the one in docs/rubrics.md, are valid post rubrics', () => {
    const docs = readFileSync('docs/rubrics.md', 'utf8');
    const section = docs.slice(docs.indexOf('## Post rubrics'));
    const snippet = /```json\n([\s\S]*?)```/.exec(section)?.[1] ?? '';

    const example = parsePostRubric(JSON.parse(readFileSync(exampleRubric, 'utf8')), exampleRubric);
    const documented = parsePostRubric(JSON.parse(snippet), 'docs/rubrics.md');

    expect(example.criteria.map((criterion) => `${criterion.id} ${criterion.kind}`)).toEqual([
      'P1 positive',
      'P2 positive',
      'P3 positive',
      'N1 negative',
      'N2 negative',
    ]);
    expect(documented.criteria.map((criterion) => criterion.id)).toEqual(['P1', 'N1']);
  });

  it("after the demo, the README's steps score the example posts of haulwise's leads", async () => {
    world = createCliWorld();
    expect((await world.run('demo')).code).toBe(0);

    const level = await world.run('clients', 'set', 'haulwise', '--service-level', 'leads+posts');
    const rubric = await world.run(
      'posts',
      'rubric',
      'import',
      exampleRubric,
      '--client',
      'haulwise',
    );
    const posts = await world.run('posts', 'import', examplePosts, '--client', 'haulwise');
    const run = await world.run('run', '--client', 'haulwise', '--op', 'score-posts');
    const top = await world.run('posts', 'top', '--client', 'haulwise');

    expect([level.code, rubric.code, posts.code, run.code, top.code]).toEqual([0, 0, 0, 0, 0]);
    expect(posts.stdout).toContain('7 items, 7 posts: 7 created');
    expect(posts.stdout).toContain('posts of 5 known leads; 1 post waiting for their lead');
    expect(run.stdout).toMatch(/\nhaulwise {2}score-posts {2}succeeded +7\/7\/0\/0 /);
    const ranked = top.stdout.split('\n').filter((line) => /^\d+\.\d\d {2}/.test(line));
    expect(top.stdout).toContain('client haulwise: 2 posts scored 50 or more, best first');
    expect(ranked.map((line) => line.replace(/ \([0-9a-f-]{36}\)/, ''))).toEqual([
      '77.78  Katrin Vollmer  2025-10-14',
      '66.67  Anouk Peeters  2025-09-23',
    ]);
  });
});
