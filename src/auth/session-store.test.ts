import { afterEach, describe, expect, it } from 'vitest';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import { PortalSessions } from './session-store.ts';
import { AccessTokens } from './token-store.ts';

let world: TestWorld;
afterEach(async () => world?.close());

const hour = 60 * 60 * 1000;
const lifetime = { idleMs: 2 * hour, absoluteMs: 4 * hour };

/** Sessions whose clock the test moves. */
async function setUp() {
  world = await createTestWorld();
  await world.addClient({ id: 'alpha' });
  const tokens = new AccessTokens(world.stores.control);
  const created = await tokens.create({ kind: 'client', clientId: 'alpha', scope: 'portal' });
  const principal = (await tokens.authenticate(created.token))!;
  let now = new Date('2026-03-01T08:00:00.000Z');
  const sessions = new PortalSessions(world.stores.control, lifetime, () => now);
  const expiry = async () => {
    const rows = await world.stores.control.selectFrom('portal_sessions').selectAll().execute();
    return rows.map((row) => row.expires_at);
  };
  return {
    sessions,
    principal,
    expiry,
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
  };
}

describe('PortalSessions', () => {
  it('slides the idle expiry on use, but never past the absolute limit', async () => {
    const t = await setUp();
    const { secret, expiresAt } = await t.sessions.start(t.principal);

    t.advance(1.5 * hour);
    const used = await t.sessions.authenticate(secret);
    const afterUse = await t.expiry();
    t.advance(1.5 * hour);
    await t.sessions.authenticate(secret);
    const capped = await t.expiry();
    t.advance(2.1 * hour);
    const pastAbsolute = await t.sessions.authenticate(secret);

    expect(expiresAt.toISOString()).toBe('2026-03-01T10:00:00.000Z');
    expect(used).toEqual(t.principal);
    expect(afterUse).toEqual(['2026-03-01T11:30:00.000Z']);
    expect(capped).toEqual(['2026-03-01T12:00:00.000Z']);
    expect(pastAbsolute).toBeNull();
    expect(await t.expiry()).toEqual([]);
  });

  it('ends a session left idle past its expiry, and forgets expired ones at the next sign-in', async () => {
    const t = await setUp();
    const idle = await t.sessions.start(t.principal);
    const other = await t.sessions.start(t.principal);

    t.advance(2 * hour);
    const answer = await t.sessions.authenticate(idle.secret);
    await t.sessions.start(t.principal);
    const left = await t.expiry();

    expect(answer).toBeNull();
    expect(left).toEqual(['2026-03-01T12:00:00.000Z']);
    expect(await t.sessions.authenticate(other.secret)).toBeNull();
  });

  it('knows nothing of a secret it never issued, and ends a session once', async () => {
    const t = await setUp();
    const { secret } = await t.sessions.start(t.principal);

    const unknown = await t.sessions.authenticate('not-a-session');
    await t.sessions.end(secret);
    await t.sessions.end(secret);

    expect(unknown).toBeNull();
    expect(await t.sessions.authenticate(secret)).toBeNull();
  });
});
