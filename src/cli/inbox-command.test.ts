import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliWith } from '../../test/support/cli.ts';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import { createWebhookInbox } from '../ingest/webhook-sources.ts';

let world: TestWorld;

beforeEach(async () => {
  world = await createTestWorld();
  await world.addClient({ id: 'alpha' });
  await world.addClient({ id: 'bravo' });
});

afterEach(async () => world.close());

/** Runs `leadbase inbox …` in process over the world's data folder. */
const inbox = (...args: string[]) => runCliWith(world.env, ['inbox', ...args]);

/** A delivery recorded as failed (as after a crash or an unreachable store), its body sound. */
async function failedDelivery(clientId: string, slug: string): Promise<number> {
  const body = JSON.stringify({ public_id: slug, member_id: '9001', full_name: 'Ana Lima' });
  const row = await world.stores.control
    .insertInto('webhook_deliveries')
    .values({
      client_id: clientId,
      source: 'linkedhelper',
      body,
      body_sha256: createHash('sha256').update(body).digest('hex'),
      headers: '{}',
      received_at: '2025-09-24T08:00:00.000Z',
      duplicate_of: null,
      status: 'failed',
      attempts: 1,
      error_code: 'store_unavailable',
      error_message: 'the store of client alpha cannot be opened',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('leadbase inbox', () => {
  it('lists failed deliveries of one client with their error', async () => {
    const id = await failedDelivery('alpha', 'ana-lima');
    await failedDelivery('bravo', 'bruno-reis');

    const { code, stdout } = await inbox('list', '--client', 'alpha', '--status', 'failed');

    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(
      new RegExp(`^\\s*${id}\\s+alpha\\s+linkedhelper\\s+failed\\s+.*store_unavailable`),
    );
  });

  it('replays every failed delivery and reports what is still failing', async () => {
    await failedDelivery('alpha', 'ana-lima');
    const junk = await createWebhookInbox(world.stores).receive(
      (await world.clients.operatorAccess('bravo')).access,
      { source: 'linkedhelper', rawBody: '{"full_name":"No Url"}' },
    );

    const { code, stdout, stderr } = await inbox('replay', '--failed');

    expect(code).toBe(1);
    expect(stdout).toMatch(/alpha\s+linkedhelper\s+processed\s+2/);
    expect(stdout).toMatch(new RegExp(`${junk.id}\\s+bravo\\s+linkedhelper\\s+failed`));
    expect(stderr).toBe('replayed 2 deliveries, 1 still failed\n');
    const { access } = await world.clients.operatorAccess('alpha');
    const leads = await world.stores.withTenant(access, (store) =>
      store.db.selectFrom('leads').select('full_name').execute(),
    );
    expect(leads).toEqual([{ full_name: 'Ana Lima' }]);
  });

  it('replays one delivery by id, and refuses an id of another client', async () => {
    const id = await failedDelivery('alpha', 'ana-lima');

    const other = await inbox('replay', String(id), '--client', 'bravo');
    const own = await inbox('replay', String(id));

    expect([other.code, other.stderr]).toEqual([1, `error: no webhook delivery with id ${id}\n`]);
    expect([own.code, own.stderr]).toEqual([0, 'replayed 1 delivery, 0 still failed\n']);
  });

  it('says so when there is nothing to list or replay', async () => {
    expect((await inbox('list')).stdout).toBe('no webhook deliveries match\n');
    expect((await inbox('replay', '--failed')).stdout).toBe('no failed deliveries to replay\n');
    expect((await inbox('replay', 'x1')).stderr).toBe('error: "x1" is not a delivery id\n');
  });
});
