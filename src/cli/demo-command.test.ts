import { afterEach, describe, expect, it } from 'vitest';
import { type CliWorld, createCliWorld } from '../../test/support/cli.ts';
import { AccessTokens } from '../auth/token-store.ts';
import { loadConfig } from '../config.ts';
import { grantTenantAccess, Stores } from '../db/tenancy.ts';

let world: CliWorld;
afterEach(() => world?.close());

async function count(
  stores: Stores,
  clientId: string,
  table: 'leads' | 'lead_identities' | 'lead_events' | 'rubric_versions' | 'lead_scores',
) {
  return stores.withTenant(grantTenantAccess(clientId), async (store) => {
    const row = await store.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  });
}

async function counts() {
  const stores = await Stores.open(loadConfig(world.env));
  try {
    const control = async (table: 'clients' | 'runs' | 'run_records') => {
      const row = await stores.control
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    };
    const perClient = async (clientId: string) => ({
      leads: await count(stores, clientId, 'leads'),
      identities: await count(stores, clientId, 'lead_identities'),
      events: await count(stores, clientId, 'lead_events'),
      rubrics: await count(stores, clientId, 'rubric_versions'),
      scores: await count(stores, clientId, 'lead_scores'),
    });
    return {
      clients: await control('clients'),
      runs: await control('runs'),
      records: await control('run_records'),
      haulwise: await perClient('haulwise'),
      ledgerline: await perClient('ledgerline'),
    };
  } finally {
    await stores.close();
  }
}

describe('leadbase demo', () => {
  it('sets everything up once: a second demo adds no client, lead, rubric or run record', async () => {
    world = createCliWorld();

    const first = await world.run('demo');
    const afterFirst = await counts();
    const second = await world.run('demo');
    const afterSecond = await counts();

    expect(first.code).toBe(0);
    expect(second.code).toBe(0);
    expect(afterFirst.clients).toBe(2);
    expect(afterFirst.runs).toBe(1);
    expect(afterFirst.records).toBe(2);
    expect(afterFirst.haulwise).toMatchObject({ leads: 86, rubrics: 1, scores: 86 });
    expect(afterFirst.ledgerline).toMatchObject({ leads: 39, rubrics: 1, scores: 39 });
    expect(afterSecond).toEqual(afterFirst);
    expect(second.stdout).toContain('rubric v1 is up to date');
    expect(second.stdout).toContain(
      'created 0, updated 0, repeated 0, unchanged 60, merged 0, rejected 0',
    );
  });

  it('scores only the demo clients, leaving the other clients of the data folder alone', async () => {
    world = createCliWorld();
    await world.run('clients', 'add', 'Acme Freight');

    const demo = await world.run('demo');
    const after = await counts();

    expect(demo.code).toBe(0);
    expect(demo.stdout).not.toContain('acme-freight');
    expect(after).toMatchObject({ clients: 3, runs: 1, records: 2 });
  });

  it("prints each client's run record and its top 10 leads with the reasons", async () => {
    world = createCliWorld();

    const { stdout, stderr } = await world.run('demo');

    expect(stderr).toBe('');
    // The first line says where the data went: the folder, or the PostgreSQL database.
    const where = stdout.split('\n')[0];
    if (world.env.DATABASE_URL) {
      expect(where).toMatch(/^data: PostgreSQL database "[^"]+" on [^,]+, schemas \S+control and /);
      expect(where).not.toContain(world.env.DATABASE_URL);
    } else {
      expect(where).toBe(`data folder: ${world.dataDir}`);
    }
    expect(stdout).toMatch(/\nhaulwise {4}score-leads {2}succeeded +86\/86\/0\/0 /);
    expect(stdout).toMatch(/\nledgerline {2}score-leads {2}succeeded +39\/39\/0\/0 /);
    expect(stdout).toContain('top 10 of 49 qualified leads of haulwise (Haulwise):');
    // Four leads tie at 100: by name, every time.
    const ranked = stdout.split('\n').filter((line) => /^ {0,1}\d+\. /.test(line));
    expect(ranked.slice(0, 5)).toEqual([
      ' 1. 100.00  Anouk Peeters — Chief Procurement Officer, Scheldt Logistics NV',
      ' 2. 100.00  Friederike Lang — Head of Procurement, Hanse Freight Forwarding GmbH',
      ' 3. 100.00  Jeroen van Dijk — Logistics Director, Maasvlakte Freight B.V.',
      ' 4. 100.00  Katrin Vollmer — Head of Procurement, Elbkai Spedition GmbH',
      ' 5.  99.35  Johan Eriksson — Logistics Director, Göta Automotive AB',
    ]);
    expect(stdout).toContain(
      'A Buys freight or runs operations: 40/40 — "Head of Procurement" in position (40)',
    );
    expect(stdout).toContain('top 10 of 25 qualified leads of ledgerline (Ledgerline Advisory):');
    expect(stdout).toMatch(
      /\n {1,2}\d+\. 100\.00 {2}Amara Nwosu — Co-founder & CEO, Kiteline Payments\n/,
    );
  });

  it('ends with the portal address and a login per demo client and for an admin', async () => {
    world = createCliWorld();

    const first = await world.run('demo');
    const second = await world.run('demo');
    const tokensOf = (stdout: string) => stdout.match(/lb_[a-z2-9]{12}_[A-Za-z0-9_-]{43}/g) ?? [];
    const stores = await Stores.open(loadConfig(world.env));
    const tokens = new AccessTokens(stores.control);
    const firstLogins = await Promise.all(
      tokensOf(first.stdout).map((t) => tokens.authenticate(t)),
    );
    const secondLogins = await Promise.all(
      tokensOf(second.stdout).map((t) => tokens.authenticate(t)),
    );
    await stores.close();

    expect(second.stdout).toMatch(
      /the portal: .*`npm start`, then open http:\/\/127\.0\.0\.1:3000\//,
    );
    expect(second.stdout).toMatch(/\n {2}haulwise \(Haulwise\) +lb_/);
    expect(second.stdout).toMatch(/\n {2}ledgerline \(Ledgerline Advisory\) +lb_/);
    expect(second.stdout).toMatch(/\n {2}admin \(every client\) +lb_/);
    expect(firstLogins).toEqual([null, null, null]);
    expect(secondLogins.map((p) => (p?.kind === 'client' ? p.clientId : p?.kind))).toEqual([
      'haulwise',
      'ledgerline',
      'admin',
    ]);
  });
});
