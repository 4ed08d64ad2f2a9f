import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliWith } from '../../test/support/cli.ts';
import { seedLead } from '../../test/support/lead-fixtures.ts';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import type { TenantStore } from '../db/tenancy.ts';
import { updateLead } from '../leads/lead-updates.ts';

let world: TestWorld;
let coach: Awaited<ReturnType<TestWorld['addClient']>>;

const newHeadline = 'Recruiter for logistics roles | Talent acquisition';

async function inCoach<T>(work: (store: TenantStore) => Promise<T>): Promise<T> {
  return world.stores.withTenant(coach.access, work);
}

beforeEach(async () => {
  world = await createTestWorld();
  coach = await world.addClient({ id: 'coach', settings: { scoreThreshold: 60 } });
  await inCoach(async (store) => {
    await seedLead(store, { slug: 'ines', score: 91, headline: 'Moving freight' });
    await seedLead(store, { slug: 'lena', score: 75, position: 'Head of Fleet' });
    const mary = await seedLead(store, { slug: 'mary-kate', score: 82.58 });
    await seedLead(store, { slug: 'low', score: 20 });
    await store.db.updateTable('leads').set({ scored_at: '2025-09-01T08:00:00.000Z' }).execute();
    await updateLead(store, mary.id, mary.version, { headline: newHeadline });
  });
});

afterEach(async () => world.close());

/** Runs `leadbase top-leads …` in process over the world's data folder. */
const topLeads = (...args: string[]) => runCliWith(world.env, ['top-leads', ...args]);

const names = (out: string) =>
  out
    .split('\n')
    .filter((line) => /^\s*\d/.test(line))
    .map((line) => line.trim().split(/\s{2,}/)[1]);

describe('leadbase top-leads', () => {
  it('lists the candidates and, apart, the leads whose score is out of date', async () => {
    const { code, stdout } = await topLeads('list', '--client', 'coach');
    const [candidates, outOfDate] = stdout.split('\n\n');

    expect(code).toBe(0);
    expect(candidates!.split('\n')[0]).toBe('client coach: 2 candidates at or above 60');
    expect(names(candidates!)).toEqual(['ines', 'lena']);
    expect(candidates).toMatch(/75\.00 {2}lena {2}position: Head of Fleet {2}/);
    expect(outOfDate!.split('\n')[0]).toBe(
      '1 lead held back, score out of date — rescore first: their profile changed after the ' +
        'score; `leadbase run --client coach` scores them again',
    );
    expect(outOfDate).toMatch(/82\.58 \(out of date\)\s+mary-kate\s+Recruiter for logistics/);
  });

  it('stages only leads scored after their last profile change, and says how many it held back', async () => {
    const staged = await topLeads('stage', '--client', 'coach', '--size', '10');
    const csv = await topLeads('staged', '--client', 'coach', '--csv');
    const rows = parse(csv.stdout, { columns: true }) as Record<string, string>[];

    expect(staged.stdout.split('\n').slice(0, 2)).toEqual([
      'client coach: staged 2 leads; the batch now holds 2 leads',
      '1 lead not staged, score out of date — rescore first: their profile changed after the ' +
        'score; `leadbase run --client coach` scores them again',
    ]);
    expect(rows.map((row) => [row.full_name, row.headline, row.position])).toEqual([
      ['ines', 'Moving freight', ''],
      ['lena', '', 'Head of Fleet'],
    ]);
  });

  it('warns of a staged lead whose profile changed after staging', async () => {
    await topLeads('stage', '--client', 'coach', '--size', '10');
    await inCoach(async (store) => {
      const lena = await store.db
        .selectFrom('leads')
        .select(['id', 'version'])
        .where('full_name', '=', 'lena')
        .executeTakeFirstOrThrow();
      await updateLead(store, lena.id, lena.version, { headline: newHeadline });
    });

    const { stdout, stderr } = await topLeads('staged', '--client', 'coach');

    expect(stdout.split('\n')[0]).toBe('client coach: 2 leads staged for invitation');
    expect(stdout).toMatch(/75\.00 \(out of date\)\s+lena/);
    expect(stderr.trim()).toBe(
      'warning: 1 staged lead changed after the score shown; `top-leads reset` and stage again ' +
        'to leave them out until they are scored again',
    );
  });
});
