import { afterEach, describe, expect, it } from 'vitest';
import { postInput } from '../../test/support/post-fixtures.ts';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import type { TenantAccess } from '../db/tenancy.ts';
import { postFromRow } from './post.ts';
import { writePostInputs } from './post-store.ts';

let world: TestWorld;
afterEach(async () => world?.close());

async function storedPosts(world: TestWorld, access: TenantAccess) {
  return world.stores.withTenant(access, async (store) => {
    const rows = await store.db.selectFrom('posts').selectAll().orderBy('id').execute();
    return rows.map(postFromRow);
  });
}

describe('writePostInputs', () => {
  it('stores posts by activity ID and merges repeats within one input', async () => {
    world = await createTestWorld();
    const { access } = await world.addClient();
    const first = postInput({ likes: null, text: 'Hello' });
    const repeat = { ...first, record: 9, likes: 40 };

    const counts = await world.stores.withTenant(access, (store) =>
      writePostInputs(store, [first, postInput(), repeat]),
    );

    expect(counts).toMatchObject({ posts: 2, created: 2, updated: 0, unchanged: 0, repeats: 1 });
    const posts = await storedPosts(world, access);
    expect(posts.find((post) => post.id === first.id)).toMatchObject({
      id: first.id,
      likes: 40,
      text: 'Hello',
      scoreStatus: 'pending',
    });
  });

  it('changes nothing on a re-import and never erases a value with a blank', async () => {
    world = await createTestWorld();
    const { access } = await world.addClient();
    const post = postInput({ likes: 12, comments: 3, text: 'Freight costs' });

    await world.stores.withTenant(access, (store) => writePostInputs(store, [post]));
    const again = await world.stores.withTenant(access, (store) => writePostInputs(store, [post]));
    const blanks = await world.stores.withTenant(access, (store) =>
      writePostInputs(store, [{ ...post, likes: null, comments: null, text: null }]),
    );
    const more = await world.stores.withTenant(access, (store) =>
      writePostInputs(store, [{ ...post, likes: 15 }]),
    );

    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect(blanks).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect(more).toMatchObject({ updated: 1 });
    expect(await storedPosts(world, access)).toMatchObject([
      { likes: 15, comments: 3, text: 'Freight costs' },
    ]);
  });

  it('asks for a new score when the words change, not when counts do', async () => {
    world = await createTestWorld();
    const { access } = await world.addClient();
    const post = postInput({ text: 'First words' });
    await world.stores.withTenant(access, async (store) => {
      await writePostInputs(store, [post]);
      await store.db.updateTable('posts').set({ score_status: 'scored', score: 70 }).execute();
      await writePostInputs(store, [{ ...post, likes: 99 }]);
    });
    expect((await storedPosts(world, access))[0]!.scoreStatus).toBe('scored');

    await world.stores.withTenant(access, (store) =>
      writePostInputs(store, [{ ...post, text: 'Edited words' }]),
    );
    expect((await storedPosts(world, access))[0]).toMatchObject({
      scoreStatus: 'pending',
      text: 'Edited words',
    });
  });
});
