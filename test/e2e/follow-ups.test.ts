import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays } from '../../src/leads/calendar-date.ts';
import { clientToday, setFollowUp } from '../../src/leads/follow-ups.ts';
import { getLead } from '../../src/leads/lead-query.ts';
import { seedLead } from '../support/lead-fixtures.ts';
import { openPortal, type Portal, saveScreenshot } from './support/portal.ts';

let portal: Portal;
let today: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  portal = await openPortal({
    clients: [
      { id: 'alpha', name: 'Alpha Freight', timeZone: 'Europe/Berlin' },
      // UTC+14: for ten hours of every UTC day its calendar is a day ahead.
      { id: 'kiri', name: 'Kiri Line', timeZone: 'Pacific/Kiritimati' },
    ],
  });
  today = clientToday(portal.clients.alpha!);
  await portal.withClient('alpha', async (store) => {
    const seeds = [
      { slug: 'olga-overdue', fullName: 'Olga Overdue', followUpOn: addCalendarDays(today, -3) },
      { slug: 'lars-later', fullName: 'Lars Later', followUpOn: addCalendarDays(today, 5) },
      { slug: 'tom-today', fullName: 'Tom Today', company: 'Kestrel Freight' },
    ];
    for (const seed of seeds) ids[seed.fullName] = (await seedLead(store, seed)).id;
  });
});
afterAll(async () => portal?.close());

function followUpOf(name: string): Promise<string | null> {
  return portal.withClient('alpha', async (store) => (await getLead(store, ids[name]!)).followUpOn);
}

async function sectionLinks(page: Page, heading: RegExp) {
  return page.getByRole('region', { name: heading }).getByRole('link').allTextContents();
}

describe('the Follow-ups page', () => {
  it("shows a follow-up set on the lead page under today's, by the client's calendar", async () => {
    const page = await portal.signedInPage(portal.clientTokens.alpha!);
    await page.goto(`/leads/${ids['Tom Today']}`);
    await page.getByLabel('Follow-up date').fill(today);
    await page.getByRole('button', { name: 'Set follow-up' }).click();
    await page.getByText(/^Follow up on/).waitFor();
    await saveScreenshot(page, 'lead-follow-up');
    const stored = await followUpOf('Tom Today');

    await page.getByRole('link', { name: 'Follow-ups' }).click();
    await page.getByRole('heading', { name: 'Due today (1)' }).waitFor();
    const dueToday = await sectionLinks(page, /^Due today/);
    const overdue = await sectionLinks(page, /^Overdue/);
    const overdueText = await page.getByRole('region', { name: /^Overdue/ }).textContent();
    await saveScreenshot(page, 'follow-ups');

    expect(stored).toBe(today);
    expect(dueToday).toEqual(['Tom Today']);
    expect(overdue).toEqual(['Olga Overdue']);
    expect(overdueText).toContain('3 days overdue');
  });

  it('marks a follow-up done and reschedules another; both leave the list', async () => {
    await portal.withClient('alpha', async (store) => {
      await store.db
        .updateTable('leads')
        .set({ follow_up_on: today })
        .where('id', '=', ids['Tom Today']!)
        .execute();
    });
    const page = await portal.signedInPage(portal.clientTokens.alpha!);
    await page.getByRole('link', { name: 'Follow-ups' }).click();
    await page.getByRole('heading', { name: 'Overdue (1)' }).waitFor();

    await page.getByRole('button', { name: 'Mark Olga Overdue done' }).click();
    await page.getByRole('heading', { name: 'Overdue (0)' }).waitFor();
    const nextWeek = addCalendarDays(today, 7);
    await page.getByLabel('New follow-up date for Tom Today').fill(nextWeek);
    await page.getByRole('button', { name: 'Reschedule Tom Today' }).click();
    await page.getByRole('heading', { name: 'Due today (0)' }).waitFor();
    const emptyText = await page.getByRole('main').textContent();

    expect(await followUpOf('Olga Overdue')).toBeNull();
    expect(await followUpOf('Tom Today')).toBe(nextWeek);
    expect(await followUpOf('Lars Later')).toBe(addCalendarDays(today, 5));
    expect(emptyText).toContain('Nothing due today.');
    expect(emptyText).toContain('Nothing overdue.');
  });

  it('meets a follow-up someone else set meanwhile, keeps the typed date, then clears it', async () => {
    const page = await portal.signedInPage(portal.clientTokens.alpha!);
    await page.goto(`/leads/${ids['Lars Later']}`);
    await page.getByText(/^Follow up on/).waitFor();
    const mine = addCalendarDays(today, 2);
    const theirs = addCalendarDays(today, 9);

    await page.getByLabel('Follow-up date').fill(mine);
    await portal.withClient('alpha', async (store) => {
      const lead = await getLead(store, ids['Lars Later']!);
      await setFollowUp(store, lead.id, theirs, lead.version);
    });
    await page.getByRole('button', { name: 'Set follow-up' }).click();
    const conflict = page.getByRole('alert').filter({ hasText: 'Someone else saved first' });
    await conflict.waitFor();
    const typedAfterConflict = await page.getByLabel('Follow-up date').inputValue();
    const storedAfterConflict = await followUpOf('Lars Later');
    await saveScreenshot(page, 'lead-follow-up-conflict');

    await page.getByRole('button', { name: 'Set follow-up' }).click();
    await conflict.waitFor({ state: 'detached' });
    const storedMine = await followUpOf('Lars Later');
    await page.getByRole('button', { name: 'Clear follow-up' }).click();
    await page.getByText('No follow-up set.').waitFor();

    expect(typedAfterConflict).toBe(mine);
    expect(storedAfterConflict).toBe(theirs);
    expect(storedMine).toBe(mine);
    expect(await followUpOf('Lars Later')).toBeNull();
  });

  it("counts a far-east client's day by its own time zone", async () => {
    const kiriToday = clientToday(portal.clients.kiri!);
    const id = await portal.withClient('kiri', async (store) => {
      const lead = await seedLead(store, { slug: 'kai-due', fullName: 'Kai Due' });
      await seedLead(store, {
        slug: 'kai-tomorrow',
        fullName: 'Kai Tomorrow',
        followUpOn: addCalendarDays(kiriToday, 1),
      });
      return lead.id;
    });
    const page = await portal.signedInPage(portal.clientTokens.kiri!);
    await page.goto(`/leads/${id}`);
    await page.getByLabel('Follow-up date').fill(kiriToday);
    await page.getByRole('button', { name: 'Set follow-up' }).click();
    await page.getByText(/^Follow up on/).waitFor();

    await page.getByRole('link', { name: 'Follow-ups' }).click();
    await page.getByRole('heading', { name: 'Due today (1)' }).waitFor();
    const dueToday = await sectionLinks(page, /^Due today/);
    const hint = await page.getByText(/^Today for Kiri Line is/).textContent();

    expect(dueToday).toEqual(['Kai Due']);
    expect(hint).toContain('(Pacific/Kiritimati)');
  });
});
