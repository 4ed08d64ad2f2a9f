import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { insertLeads } from '../../test/support/post-fixtures.ts';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import { detectPostFormat, importPostsFile } from './posts-import.ts';

let world: TestWorld;
afterEach(async () => world?.close());

const id = '7370727342736594567';
const apifyItems = `[
  {"id": ${id}, "linkedinUrl": "https://www.linkedin.com/posts/ada-moreau_x-activity-${id}-Ab",
   "content": "Freight tendering lessons", "author": {"publicIdentifier": "ada-moreau"},
   "engagement": {"likes": 5, "comments": 1, "shares": 0}},
  {"id": "7371935302288594567", "url": "https://www.linkedin.com/feed/update/urn:li:activity:7371935302288594567/",
   "content": "Hello", "author": {"linkedinUrl": "https://www.linkedin.com/in/noah-petit"}},
  {"id": ${id}, "linkedinUrl": "https://www.linkedin.com/posts/ada-moreau_x-activity-${id}-Ab",
   "content": "Freight tendering lessons", "author": {"publicIdentifier": "ada-moreau"}},
  {"content": "no id", "author": {"publicIdentifier": "ada-moreau"}}
]`;

function writeTemp(world: TestWorld, name: string, text: string): string {
  const path = join(world.dataDir, name);
  writeFileSync(path, text);
  return path;
}

describe('importPostsFile', () => {
  it('imports an Apify dataset: bare 19-digit numbers exact, repeats merged, leads linked', async () => {
    world = await createTestWorld();
    const { access } = await world.addClient();
    const path = writeTemp(world, 'dataset.json', apifyItems);

    const report = await world.stores.withTenant(access, async (store) => {
      await insertLeads(store, [{ id: 'lead-ada', keys: ['in:ada-moreau'] }]);
      return importPostsFile(store, path);
    });
    const ids = await world.stores.withTenant(access, (store) =>
      store.db.selectFrom('posts').select('id').orderBy('id').execute(),
    );

    expect(report).toMatchObject({
      fileName: 'dataset.json',
      format: 'apify',
      items: 4,
      posts: 2,
      created: 2,
      repeats: 1,
      rejected: 1,
      linkedLeads: 1,
      unlinkedPosts: 1,
    });
    expect(report.rejections.map((rejection) => rejection.code)).toEqual(['no_post_id']);
    expect(ids.map((row) => row.id)).toEqual([id, '7371935302288594567']);
  });

  it('refuses what is not JSON, an unknown shape and a file without any post', async () => {
    world = await createTestWorld();
    const { access } = await world.addClient();
    const notJson = writeTemp(world, 'a.json', '{"resultObject": ');
    const unknown = writeTemp(world, 'b.json', '[{"name": "x"}]');
    const noPost = writeTemp(world, 'c.json', '[{"author": {"publicIdentifier": "x"}}]');
    const empty = writeTemp(world, 'd.json', '[]');

    await world.stores.withTenant(access, async (store) => {
      await expect(importPostsFile(store, notJson)).rejects.toMatchObject({ code: 'bad_file' });
      await expect(importPostsFile(store, unknown)).rejects.toMatchObject({
        code: 'unknown_format',
      });
      await expect(importPostsFile(store, noPost)).rejects.toMatchObject({
        code: 'empty_import',
        message: 'c.json holds 1 item but no post: item 1: no activity ID in its URL, URN or id',
      });
      await expect(importPostsFile(store, empty)).rejects.toMatchObject({ code: 'empty_import' });
      const count = await store.db
        .selectFrom('posts')
        .select((eb) => eb.fn.countAll().as('n'))
        .execute();
      expect(Number(count[0]!.n)).toBe(0);
    });
  });
});

describe('detectPostFormat', () => {
  it('tells PhantomBuster results from Apify datasets', () => {
    expect(detectPostFormat({ resultObject: '[]' }, 'x')).toBe('phantombuster');
    expect(detectPostFormat([{ profileUrl: 'u', postUrl: 'p' }], 'x')).toBe('phantombuster');
    expect(detectPostFormat([{ author: {}, postedAt: {} }], 'x')).toBe('apify');
  });
});
