import { afterEach, describe, expect, it } from 'vitest';
import {
  freightPostRubric,
  insertLeads,
  postInput,
  runOperation,
} from '../../test/support/post-fixtures.ts';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import { markLeadPostsActioned } from './post-actions.ts';
import { addPostRubricVersion } from './post-rubric-store.ts';
import { writePostInputs } from './post-store.ts';
import { scorePostsOperation } from './score-posts-operation.ts';
import { topPosts } from './top-posts.ts';

let world: TestWorld;
afterEach(async () => world?.close());

const best = postInput({
  authorKey: 'in:ada-moreau',
  text: 'Freight tender season: quick poll',
  postedAt: '2025-09-10T08:00:00.000Z',
});
const good = postInput({
  authorKey: 'in:noah-petit',
  authorMemberKey: 'mid:ACoAAB1c2d3e4f5g6h7i8j9k0lmnopq',
  isRepost: true,
  text: null,
  originalText: 'Carrier rates fell again',
  originalAuthorName: 'Kestrel Freight',
  postedAt: '2025-09-12T08:00:00.000Z',
});
const weak = postInput({ authorKey: 'in:ada-moreau', text: 'Happy Friday' });
const stranger = postInput({ authorKey: 'in:someone-else', text: 'freight carrier poll tender' });

async function scoredClient() {
  const added = await world.addClient({ serviceLevel: 'leads+posts' });
  await world.stores.withTenant(added.access, async (store) => {
    await insertLeads(store, [
      { id: 'lead-ada', keys: ['in:ada-moreau'], fullName: 'Ada Moreau' },
      { id: 'lead-noah', keys: ['mid:ACoAAB1c2d3e4f5g6h7i8j9k0lmnopq'], fullName: 'Noah Petit' },
    ]);
    await writePostInputs(store, [best, good, weak, stranger]);
    await addPostRubricVersion(store, freightPostRubric);
  });
  await runOperation(world, added, scorePostsOperation());
  return added;
}

describe('topPosts', () => {
  it('lists posts above the threshold, best first, with text, link, score and reasons', async () => {
    world = await createTestWorld();
    const added = await scoredClient();

    const top = await world.stores.withTenant(added.access, (store) =>
      topPosts(store, { threshold: 40 }),
    );

    expect(top.map((post) => [post.postId, post.leadId, post.score])).toEqual([
      [best.id, 'lead-ada', 100],
      [stranger.id, null, 100],
      [good.id, 'lead-noah', 40],
    ]);
    expect(top[0]).toEqual({
      postId: best.id,
      leadId: 'lead-ada',
      leadName: 'Ada Moreau',
      authorKey: 'in:ada-moreau',
      authorName: 'Ada Moreau',
      isRepost: false,
      originalAuthorName: null,
      text: 'Freight tender season: quick poll',
      url: best.url,
      postedAt: '2025-09-10T08:00:00.000Z',
      score: 100,
      reasons: [
        'P1 Freight costs: +40 — "Freight"',
        'P2 Supplier contracts: +30 — "tender"',
        'P3 Asks the network: +30 — "poll"',
      ],
    });
    expect(top[2]).toMatchObject({ text: 'Carrier rates fell again', isRepost: true });
  });

  it('takes a lead’s posts off the list once actioned, by lead ID or profile URL', async () => {
    world = await createTestWorld();
    const added = await scoredClient();

    const byId = await world.stores.withTenant(added.access, (store) =>
      markLeadPostsActioned(store, 'lead-ada'),
    );
    const byUrl = await world.stores.withTenant(added.access, (store) =>
      markLeadPostsActioned(store, 'https://www.linkedin.com/in/ACoAAB1c2d3e4f5g6h7i8j9k0lmnopq/'),
    );
    const top = await world.stores.withTenant(added.access, (store) =>
      topPosts(store, { threshold: 0 }),
    );

    expect([byId.leadId, byId.posts, byUrl.leadId, byUrl.posts]).toEqual([
      'lead-ada',
      2,
      'lead-noah',
      1,
    ]);
    expect(top.map((post) => post.postId)).toEqual([stranger.id]);
  });

  it('keeps later posts of an actioned lead off the list', async () => {
    world = await createTestWorld();
    const added = await scoredClient();
    await world.stores.withTenant(added.access, (store) =>
      markLeadPostsActioned(store, 'lead-ada'),
    );
    const later = postInput({ authorKey: 'in:ada-moreau', text: 'More on freight' });
    await world.stores.withTenant(added.access, async (store) => {
      await writePostInputs(store, [later]);
      await store.db
        .updateTable('posts')
        .set({ score: 90, score_status: 'scored', score_detail: '{"reasons":[]}' })
        .where('id', '=', later.id)
        .execute();
    });

    const top = await world.stores.withTenant(added.access, (store) =>
      topPosts(store, { threshold: 0 }),
    );
    expect(top.map((post) => post.postId)).toEqual([stranger.id, good.id]);
  });

  it('refuses an unknown lead', async () => {
    world = await createTestWorld();
    const added = await world.addClient({ id: 'acme' });
    await expect(
      world.stores.withTenant(added.access, (store) => markLeadPostsActioned(store, 'nobody')),
    ).rejects.toMatchObject({ code: 'not_found', message: 'client acme has no lead "nobody"' });
  });
});
