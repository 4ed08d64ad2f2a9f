import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCaseJson } from '../../test/support/cases.ts';
import { eventsOf, openClientStore, seedLead } from '../../test/support/lead-fixtures.ts';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import type { TenantStore } from '../db/tenancy.ts';
import { readCalendarDate } from '../ingest/dates.ts';
import { readPostedAt } from '../posts/post-item-fields.ts';
import { formatCalendarDate, isCalendarDate, sameTimeDaysLater } from './calendar-date.ts';
import {
  clientToday,
  dueFollowUps,
  followUpInDays,
  isFollowUpDue,
  setFollowUp,
} from './follow-ups.ts';

interface TimeZoneCase {
  id: string;
  client_tz?: string;
  input: Record<string, unknown>;
  expect: Record<string, unknown>;
}

const br15 = readCaseJson<{ cases: TimeZoneCase[] }>('BR-15-followup-dates-timezones.json');
const byId = (id: string) => br15.cases.find((c) => c.id === id)!;

let world: TestWorld;
let store: TenantStore;

beforeEach(async () => {
  world = await createTestWorld();
  ({ store } = await openClientStore(world, { timeZone: 'America/New_York' }));
});

afterEach(async () => world.close());

describe('BR-15: follow-up dates across time zones', () => {
  it('keeps a date-only follow-up on its day west of UTC (date-only-west-of-utc)', async () => {
    const { input, expect: expected } = byId('date-only-west-of-utc');
    const lead = await seedLead(store, { slug: 'ana-lima' });

    const updated = await setFollowUp(store, lead.id, input.next_follow_up as string);

    expect(updated.followUpOn).toBe(expected.stored_local_date);
    expect(formatCalendarDate(updated.followUpOn!)).toBe(expected.shown_as);
    expect(formatCalendarDate(updated.followUpOn!)).not.toBe(expected.wrong_value_seen_in_the_wild);
  });

  for (const id of ['plus-3-days-across-us-dst', 'plus-1-day-across-eu-dst']) {
    it(`keeps the wall-clock time N days later across DST (${id})`, () => {
      const c = byId(id);
      const due = sameTimeDaysLater(
        c.input.last_contacted as string,
        c.input.follow_up_after_days as number,
        c.client_tz!,
      );
      expect(due).toEqual({ local: c.expect.due_local, utc: c.expect.due_utc });
    });
  }

  for (const id of ['daily-job-at-utc-midnight', 'late-local-evening']) {
    it(`uses the client's own today for what is due (${id})`, () => {
      const c = byId(id);
      const now = new Date(c.input.job_runs_at_utc as string);
      const client = { timeZone: c.client_tz! };
      expect(isFollowUpDue(c.input.lead_due_local_date as string, client, now)).toBe(
        c.expect.is_due_in_this_run,
      );
    });
  }

  it('reads a date-only connection date as that calendar day (connected-on-date-only)', () => {
    // The import readers' date function: the day stays the day in any client zone.
    const c = byId('connected-on-date-only');
    expect(readCalendarDate(c.input.connected_on as string, null)).toEqual({
      ok: true,
      date: c.expect.calendar_date,
    });
  });

  it('takes a post time from its timestamp, not the offset-less date (apify-naive-local-date)', () => {
    // The posts import's time reader (src/posts), with an id that carries no time of its own.
    const c = byId('apify-naive-local-date');
    const reading = readPostedAt(c.input, 'not-an-activity-id', 'UTC', new Date('2026-01-01'));
    expect(reading).toEqual({ postedAt: c.expect.posted_at_utc, basis: 'source' });
  });

  it('covers every case of the file, none silently dropped', () => {
    expect(br15.cases.map((c) => c.id).sort()).toEqual([
      'apify-naive-local-date',
      'connected-on-date-only',
      'daily-job-at-utc-midnight',
      'date-only-west-of-utc',
      'late-local-evening',
      'plus-1-day-across-eu-dst',
      'plus-3-days-across-us-dst',
    ]);
  });
});

describe('setFollowUp', () => {
  it('sets and clears a follow-up, bumping the version and recording each change', async () => {
    const lead = await seedLead(store, { slug: 'ana-lima' });

    await setFollowUp(store, lead.id, '2025-10-01', 1);
    const cleared = await setFollowUp(store, lead.id, null, 2);

    expect([cleared.followUpOn, cleared.version]).toEqual([null, 3]);
    expect(cleared.manualFields).toContain('followUpOn');
    const types = (await eventsOf(store, lead.id)).map((event) => [event.type, event.detail]);
    expect(types.slice(1)).toEqual([
      ['follow_up_set', { from: null, to: '2025-10-01' }],
      ['follow_up_cleared', { from: '2025-10-01', to: null }],
    ]);
  });

  it('refuses a date that is not a real YYYY-MM-DD day, and a stale version', async () => {
    const lead = await seedLead(store, { slug: 'ana-lima' });

    for (const bad of ['2025-02-30', '2025-3-10', '2025-03-10T00:00:00Z', '10/03/2025']) {
      await expect(setFollowUp(store, lead.id, bad)).rejects.toMatchObject({
        code: 'validation_failed',
        issues: [{ path: 'date' }],
      });
    }
    await expect(setFollowUp(store, lead.id, '2025-03-10', 7)).rejects.toMatchObject({
      code: 'precondition_failed',
    });
    expect(await eventsOf(store, lead.id)).toHaveLength(1);
  });
});

describe('dueFollowUps', () => {
  it("lists follow-ups on or before the client's today, most overdue first", async () => {
    const now = new Date('2025-09-24T02:00:00Z'); // 22:00 on the 23rd in New York
    const today = clientToday({ timeZone: 'America/New_York' }, now);
    await seedLead(store, { slug: 'due-today', followUpOn: '2025-09-23' });
    await seedLead(store, { slug: 'overdue', followUpOn: '2025-09-01' });
    await seedLead(store, { slug: 'tomorrow-there', followUpOn: '2025-09-24' });
    await seedLead(store, { slug: 'none' });

    const due = await dueFollowUps(store, today);

    expect(today).toBe('2025-09-23');
    expect(due.map((lead) => lead.fullName)).toEqual(['overdue', 'due-today']);
  });

  it('counts days from the client today', () => {
    const now = new Date('2025-12-31T23:30:00Z');
    expect(followUpInDays({ timeZone: 'Australia/Sydney' }, 3, now)).toBe('2026-01-04');
    expect(followUpInDays({ timeZone: 'America/Los_Angeles' }, 3, now)).toBe('2026-01-03');
    expect(isCalendarDate('2024-02-29')).toBe(true);
  });
});
