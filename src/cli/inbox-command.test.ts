import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import { createWebhookInbox } from '../ingest/webhook-sources.ts';
import { CliContext } from './context.ts';
import { errorLines } from './error-line.ts';
import { registerInboxCommand } from './inbox-command.ts';

let world: TestWorld;

beforeEach(async () => {
  world = await createTestWorld();
  await world.addClient({ id: 'alpha' });
  await world.addClient({ id: 'bravo' });
});

afterEach(async () => world.close());

/** Runs `leadbase inbox …` in process over the world's data folder. */
async function inbox(...args: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const ctx = new CliContext(world.env, { stdout, stderr });
  const program = new Command('leadbase').exitOverride();
  registerInboxCommand(program, ctx);
  let exitCode = 0;
  try {
    await program.parseAsync(['inbox', ...args], { from: 'user' });
    exitCode = ctx.exitCode;
  } catch (error) {
    for (const line of errorLines(error, false)) ctx.note(line);
    exitCode = 1;
  } finally {
    await ctx.close();
  }
  const read = (stream: PassThrough) => String(stream.read() ?? '');
  return { exitCode, out: read(stdout), err: read(stderr) };
}

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

    const { exitCode, out } = await inbox('list', '--client', 'alpha', '--status', 'failed');

    expect(exitCode).toBe(0);
    const lines = out.trim().split('\n');
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

    const { exitCode, out, err } = await inbox('replay', '--failed');

    expect(exitCode).toBe(1);
    expect(out).toMatch(/alpha\s+linkedhelper\s+processed\s+2/);
    expect(out).toMatch(new RegExp(`${junk.id}\\s+bravo\\s+linkedhelper\\s+failed`));
    expect(err).toBe('replayed 2 deliveries, 1 still failed\n');
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

    expect([other.exitCode, other.err]).toEqual([1, `error: no webhook delivery with id ${id}\n`]);
    expect([own.exitCode, own.err]).toEqual([0, 'replayed 1 delivery, 0 still failed\n']);
  });

  it('says so when there is nothing to list or replay', async () => {
    expect((await inbox('list')).out).toBe('no webhook deliveries match\n');
    expect((await inbox('replay', '--failed')).out).toBe('no failed deliveries to replay\n');
    expect((await inbox('replay', 'x1')).err).toBe('error: "x1" is not a delivery id\n');
  });
});
