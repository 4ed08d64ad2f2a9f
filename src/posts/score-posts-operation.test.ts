import { afterEach, describe, expect, it } from 'vitest';
import {
  freightPostRubric,
  insertLeads,
  postInput,
  runOperation,
} from '../../test/support/post-fixtures.ts';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import type { TenantAccess } from '../db/tenancy.ts';
import { addPostRubricVersion } from './post-rubric-store.ts';
import type { PostScorer } from './post-scorer.ts';
import { writePostInputs } from './post-store.ts';
import { scorePostsOperation } from './score-posts-operation.ts';

let world: TestWorld;
afterEach(async () => world?.close());

const freight = postInput({ authorKey: 'in:ada-moreau', text: 'Our freight and carrier review' });
const poll = postInput({ authorKey: 'in:ada-moreau', text: 'A poll on supplier contract terms' });
const plain = postInput({ authorKey: 'in:noah-petit', text: 'Happy Friday' });

async function postsClient() {
  const added = await world.addClient({ serviceLevel: 'leads+posts' });
  await world.stores.withTenant(added.access, async (store) => {
    await insertLeads(store, [
      { id: 'lead-ada', keys: ['in:ada-moreau'] },
      { id: 'lead-noah', keys: ['in:noah-petit', 'mid:ACoAAB1c2d3e4f5g6h7i8j9k0lmnopq'] },
    ]);
    await writePostInputs(store, [freight, poll, plain]);
  });
  return added;
}

async function state(access: TenantAccess) {
  return world.stores.withTenant(access, (store) =>
    store.db.selectFrom('lead_post_state').selectAll().orderBy('lead_id').execute(),
  );
}

describe('score-posts', () => {
  it('scores every post and sets each lead’s post relevance to its best post', async () => {
    world = await createTestWorld();
    const added = await postsClient();
    await world.stores.withTenant(added.access, (store) =>
      addPostRubricVersion(store, freightPostRubric),
    );

    const { outcome, calls } = await runOperation(world, added, scorePostsOperation());

    expect(outcome).toEqual({ status: 'succeeded' });
    expect(calls.examined).toBe(3);
    expect(calls.succeeded.sort()).toEqual([freight.id, poll.id, plain.id].sort());
    expect(
      (await state(added.access)).map((row) => [row.lead_id, row.post_relevance, row.best_post_id]),
    ).toEqual([
      ['lead-ada', 60, poll.id],
      ['lead-noah', 0, plain.id],
    ]);
  });

  it('scores nothing twice for one rubric version, and again for a new one', async () => {
    world = await createTestWorld();
    const added = await postsClient();
    const addRubric = () =>
      world.stores.withTenant(added.access, (store) =>
        addPostRubricVersion(store, freightPostRubric),
      );
    await addRubric();

    await runOperation(world, added, scorePostsOperation());
    const again = await runOperation(world, added, scorePostsOperation());
    await addRubric();
    const next = await runOperation(world, added, scorePostsOperation());

    expect(again).toMatchObject({ outcome: { status: 'succeeded' }, calls: { examined: 0 } });
    expect(next.calls.examined).toBe(3);
  });

  it('fails a post the scorer leaves out, keeps it due, and fails the record when none scored', async () => {
    world = await createTestWorld();
    const added = await postsClient();
    await world.stores.withTenant(added.access, (store) =>
      addPostRubricVersion(store, freightPostRubric),
    );
    const silent: PostScorer = { name: 'silent', scoreBatch: async () => new Map() };

    const { outcome, calls } = await runOperation(
      world,
      added,
      scorePostsOperation({ scorer: silent }),
    );
    const statuses = await world.stores.withTenant(added.access, (store) =>
      store.db.selectFrom('posts').select('score_status').distinct().execute(),
    );

    expect(outcome).toEqual({
      status: 'failed',
      code: 'scoring_failed',
      message: 'none of the 3 posts examined could be scored',
    });
    expect(calls.failed.map((failure) => failure.code)).toEqual([
      'answer_missing',
      'answer_missing',
      'answer_missing',
    ]);
    expect(statuses).toEqual([{ score_status: 'failed' }]);
  });

  it('skips a client without posts in its service level, fails one without a post rubric', async () => {
    world = await createTestWorld();
    const leadsOnly = await world.addClient({ serviceLevel: 'leads' });
    const noRubric = await postsClient();

    expect((await runOperation(world, leadsOnly, scorePostsOperation())).outcome).toMatchObject({
      status: 'skipped',
      code: 'service_level',
    });
    expect((await runOperation(world, noRubric, scorePostsOperation())).outcome).toMatchObject({
      status: 'failed',
      code: 'post_rubric_missing',
    });
  });
});
