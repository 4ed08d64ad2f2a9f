import { afterEach, describe, expect, it } from 'vitest';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import { RunLedger } from '../runs/run-ledger.ts';
import { nextSlot, type Schedule, slotKey } from './schedule.ts';
import { Scheduler } from './scheduler.ts';

let world: TestWorld;
const schedulers: Scheduler[] = [];
afterEach(async () => {
  await Promise.all(schedulers.splice(0).map((scheduler) => scheduler.stop()));
  await world?.close();
});

const nightly: Schedule = {
  name: 'nightly',
  cron: '30 2 * * *',
  timeZone: 'Europe/Berlin',
  operations: ['score-leads'],
};

describe('schedule slots', () => {
  it("reads the cron in the schedule's time zone, summer time included", () => {
    expect(nextSlot(nightly, new Date('2026-01-10T12:00:00Z'))?.toISOString()).toBe(
      '2026-01-11T01:30:00.000Z',
    );
    expect(nextSlot(nightly, new Date('2026-07-10T12:00:00Z'))?.toISOString()).toBe(
      '2026-07-11T00:30:00.000Z',
    );
    expect(slotKey(nightly, new Date('2026-07-11T00:30:00Z'))).toBe(
      'schedule:nightly:2026-07-11T00:30:00.000Z',
    );
  });
});

describe('Scheduler', () => {
  it('makes one run of a slot that several schedulers fire', async () => {
    world = await createTestWorld();
    await world.addClient({ id: 'alpha', stream: 'eu' });
    await world.addClient({ id: 'bravo', stream: 'us' });
    const schedule: Schedule = { ...nightly, stream: 'eu' };
    const slot = new Date('2026-07-11T00:30:00Z');

    const three = [1, 2, 3].map(
      () => new Scheduler({ ledger: new RunLedger(world.stores), schedules: [] }),
    );
    const fired = await Promise.all(three.map((scheduler) => scheduler.fire(schedule, slot)));

    const runs = await world.stores.control.selectFrom('runs').selectAll().execute();
    expect(runs.map((run) => [run.idempotency_key, run.trigger])).toEqual([
      ['schedule:nightly:2026-07-11T00:30:00.000Z', 'schedule'],
    ]);
    expect(fired.map((firing) => firing.run.id)).toEqual([runs[0]!.id, runs[0]!.id, runs[0]!.id]);
    expect(fired.filter((firing) => firing.created)).toHaveLength(1);
    expect(fired[0]!.run.records.map((record) => record.clientId)).toEqual(['alpha']);
  });

  it('fires on its timers, each slot once however many schedulers run', async () => {
    world = await createTestWorld();
    await world.addClient({ id: 'alpha' });
    const everySecond: Schedule = { ...nightly, name: 'every-second', cron: '* * * * * *' };
    const firings: { runId: string; created: boolean }[] = [];
    const both = [1, 2].map(
      () =>
        new Scheduler({
          ledger: new RunLedger(world.stores),
          schedules: [everySecond],
          onRun: (run, created) => firings.push({ runId: run.id, created }),
        }),
    );
    schedulers.push(...both);

    for (const scheduler of both) scheduler.start();
    while (firings.length < 4) await new Promise((resolve) => setTimeout(resolve, 20));
    await Promise.all(both.map((scheduler) => scheduler.stop()));

    const runs = await world.stores.control.selectFrom('runs').select('idempotency_key').execute();
    const runIds = new Set(firings.map((firing) => firing.runId));
    expect(runs).toHaveLength(runIds.size);
    expect(firings.filter((firing) => firing.created)).toHaveLength(runIds.size);
    for (const run of runs) expect(run.idempotency_key).toMatch(/^schedule:every-second:.*\.000Z$/);
  });
});
