import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliWith } from '../../test/support/cli.ts';
import { freightPostRubric, insertLeads, runOperation } from '../../test/support/post-fixtures.ts';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import { scorePostsOperation } from '../posts/score-posts-operation.ts';

let world: TestWorld;
let coach: Awaited<ReturnType<TestWorld['addClient']>>;

const freightId = '7370727342736594567';
const helloId = '7371935302288594567';
const dataset = `[
  {"id": ${freightId}, "linkedinUrl": "https://www.linkedin.com/posts/ada-moreau_x-activity-${freightId}-Ab?rcm=ACoAAX",
   "content": "Freight tender season: a quick poll", "author": {"publicIdentifier": "ada-moreau", "name": "Ada Moreau"},
   "engagement": {"likes": 5, "comments": 1, "shares": 0}},
  {"id": "${helloId}", "linkedinUrl": "https://www.linkedin.com/feed/update/urn:li:activity:${helloId}/",
   "content": "Happy Friday", "author": {"publicIdentifier": "noah-petit"}},
  {"content": "no id", "author": {"publicIdentifier": "ada-moreau"}}
]`;

beforeEach(async () => {
  world = await createTestWorld();
  coach = await world.addClient({ id: 'coach', serviceLevel: 'leads+posts' });
  await world.stores.withTenant(coach.access, (store) =>
    insertLeads(store, [{ id: 'lead-ada', keys: ['in:ada-moreau'], fullName: 'Ada Moreau' }]),
  );
});

afterEach(async () => world.close());

function file(name: string, text: string): string {
  const path = join(world.dataDir, name);
  writeFileSync(path, text);
  return path;
}

/** Runs `leadbase posts …` in process over the world's data folder. */
const posts = (...args: string[]) => runCliWith(world.env, ['posts', ...args]);

async function importAndScore() {
  await posts(
    'rubric',
    'import',
    file('rubric.json', JSON.stringify(freightPostRubric)),
    '--client',
    'coach',
  );
  const imported = await posts('import', file('dataset.json', dataset), '--client', 'coach');
  await runOperation(world, coach, scorePostsOperation());
  return imported;
}

describe('leadbase posts', () => {
  it('imports a dataset and prints what it did, rejected items by number', async () => {
    const imported = await importAndScore();

    expect(imported.code).toBe(0);
    expect(imported.stdout).toBe(
      'client coach: dataset.json (apify) — 3 items, 2 posts: 2 created, 0 updated, 0 unchanged; ' +
        '0 repeats merged, 0 tool rows dropped, 1 rejected\n' +
        'posts of 1 known lead; 1 post waiting for their lead to be imported\n' +
        '  rejected item 3: item 3: no activity ID in its URL, URN or id\n',
    );
  });

  it('stores posts and a post rubric for a leads-only client, warning that runs leave them out', async () => {
    await world.addClient({ id: 'haul', serviceLevel: 'leads' });
    const rubric = file('rubric.json', JSON.stringify(freightPostRubric));

    const rubricAdded = await posts('rubric', 'import', rubric, '--client', 'haul');
    const imported = await posts('import', file('dataset.json', dataset), '--client', 'haul');
    const covered = await posts('import', file('dataset.json', dataset), '--client', 'coach');

    const later =
      'but its runs will not harvest or score posts until its service level includes posts (leads+posts)';
    expect([rubricAdded.code, imported.code]).toEqual([0, 0]);
    expect(rubricAdded.stderr).toBe(
      `warning: client haul has service level leads: the post rubric is stored, ${later}\n`,
    );
    expect(imported.stdout).toContain('2 posts: 2 created');
    expect(imported.stderr).toBe(
      `warning: client haul has service level leads: the posts are stored, ${later}\n`,
    );
    expect(covered.stderr).toBe('');
  });

  it('lists the best posts with text, link, score and reasons, above a threshold', async () => {
    await importAndScore();

    const top = await posts('top', '--client', 'coach');
    const all = await posts('top', '--client', 'coach', '--threshold', '0');
    const json = await posts('top', '--client', 'coach', '--json');

    expect(top.stdout).toBe(
      [
        'client coach: 1 post scored 50 or more, best first',
        '',
        '100.00  Ada Moreau (lead-ada)  2025-09-08',
        '    Freight tender season: a quick poll',
        `    https://www.linkedin.com/posts/ada-moreau_x-activity-${freightId}-Ab`,
        '    P1 Freight costs: +40 — "Freight"',
        '    P2 Supplier contracts: +30 — "tender"',
        '    P3 Asks the network: +30 — "poll"',
        '',
      ].join('\n'),
    );
    expect(all.stdout.split('\n')[0]).toBe('client coach: 2 posts scored 0 or more, best first');
    expect(all.stdout).toContain('0.00  in:noah-petit (no lead yet)  2025-09-11');
    expect(JSON.parse(json.stdout)).toMatchObject([
      { postId: freightId, score: 100, leadId: 'lead-ada' },
    ]);
  });

  it('takes an actioned lead’s posts off the list', async () => {
    await importAndScore();

    const actioned = await posts(
      'action',
      'https://www.linkedin.com/in/ada-moreau/',
      '--client',
      'coach',
    );
    const top = await posts('top', '--client', 'coach', '--threshold', '0');

    expect(actioned.stdout).toBe(
      'client coach: lead lead-ada actioned; 1 post taken off the list\n',
    );
    expect(top.stdout).toContain(helloId);
    expect(top.stdout).not.toContain(freightId);
  });

  it('shows the post rubric', async () => {
    await importAndScore();
    const shown = await posts('rubric', 'show', '--client', 'coach');
    expect(shown.stdout.split('\n').slice(1, 3)).toEqual([
      'P1  Freight costs — +40: freight, landed cost, carrier, Frachtkosten',
      'P2  Supplier contracts — +30: supplier contract, tender, dual sourcing',
    ]);
  });

  it('fails in one line and changes nothing on an unknown client, a bad rubric or a bad file', async () => {
    const unknown = await posts('import', file('d.json', dataset), '--client', 'nope');
    const badRubric = await posts(
      'rubric',
      'import',
      file('r.json', '{"name": "x", "criteria": []}'),
      '--client',
      'coach',
    );
    const notJson = await posts('import', file('x.json', 'id,url\n1,2'), '--client', 'coach');
    const badThreshold = await posts('top', '--client', 'coach', '--threshold', '120');
    const stored = await world.stores.withTenant(coach.access, async (store) => ({
      posts: await store.db.selectFrom('posts').select('id').execute(),
      rubrics: await store.db.selectFrom('post_rubric_versions').select('version').execute(),
    }));

    expect([unknown, badRubric, notJson, badThreshold].map((result) => result.code)).toEqual([
      1, 1, 1, 1,
    ]);
    expect(unknown.stderr).toBe('error: no client with id "nope"\n');
    expect(badRubric.stderr).toBe(
      `error: invalid post rubric in ${join(world.dataDir, 'r.json')}: criteria: must list at least one criterion; criteria: must hold at least one positive criterion\n`,
    );
    expect(notJson.stderr).toMatch(/^error: x\.json is not JSON: .+\n$/);
    expect(badThreshold.stderr).toBe(
      "error: option '--threshold <score>' argument '120' is invalid. must be a score from 0 to 100.\n",
    );
    expect(stored).toEqual({ posts: [], rubrics: [] });
  });
});
