import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedLead } from '../support/lead-fixtures.ts';
import { rowNames, seedLeadsWorld, waitForRowList, waitForRows } from './support/leads-world.ts';
import { phoneFit } from './support/phone-fit.ts';
import { openPortal, type Portal, saveScreenshot } from './support/portal.ts';

let portal: Portal;

beforeAll(async () => {
  portal = await openPortal();
  await seedLeadsWorld(portal);
});
afterAll(async () => portal?.close());

/** Client A's Heads of Procurement (every fifth lead), best score first. */
const procurementAll = [55, 50, 45, 40, 35, 30, 25, 20, 15, 10, 5].map(
  (n) => `Alpha Person ${String(n).padStart(2, '0')}`,
);
const procurementFrom30 = procurementAll.slice(0, 6);

describe('the Leads page: finding leads', () => {
  it('pages on the server, searches, filters, and keeps it all in the URL', async () => {
    const page = await portal.signedInPage(portal.clientTokens.alpha!);
    await page.getByRole('link', { name: 'Leads', exact: true }).click();
    await waitForRows(page, 'Alpha Person 55');
    // Focus moves a frame after the page renders; the rows can arrive sooner.
    await page.waitForFunction(() => document.activeElement?.matches('main#main h1') === true);
    const focused = await page.evaluate(() => document.activeElement?.outerHTML);
    const firstPage = await rowNames(page);
    await page.getByRole('status').filter({ hasText: 'of 55' }).waitFor();
    await saveScreenshot(page, 'leads');
    await page.setViewportSize({ width: 390, height: 844 });
    const phone = await phoneFit(page);
    await page.setViewportSize({ width: 1280, height: 720 });

    await page.getByRole('button', { name: 'Next page' }).click();
    await waitForRows(page, 'Alpha Person 05');
    const secondPage = await rowNames(page);

    await page.getByLabel('Search leads').fill('procurement');
    await page.getByLabel('Search leads').press('Enter');
    await waitForRows(page, 'Alpha Person 55');
    await page.getByLabel('Minimum score').fill('30');
    await page.getByLabel('Minimum score').press('Enter');
    await page.waitForURL(/minScore=30/);
    const filtered = await waitForRowList(page, procurementFrom30);
    const url = new URL(page.url());

    await page.goBack();
    await page.waitForURL((current) => !current.search.includes('minScore'));
    const afterBack = await waitForRowList(page, procurementAll);

    const shared = await portal.signedInPage(portal.clientTokens.alpha!);
    await shared.goto(`${url.pathname}${url.search}`);
    const sharedRows = await waitForRowList(shared, procurementFrom30);
    const sharedSearch = await shared.getByLabel('Search leads').inputValue();

    expect(focused).toBe('<h1 id="page-title" tabindex="-1">Leads</h1>');
    expect(phone).toEqual({ pageWidth: 390, navBeyondRight: [] });
    expect(firstPage).toHaveLength(50);
    expect(firstPage.slice(0, 2)).toEqual(['Alpha Person 55', 'Alpha Person 54']);
    expect(secondPage).toEqual([
      'Alpha Person 05',
      'Alpha Person 04',
      'Alpha Person 03',
      'Alpha Person 02',
      'Alpha Person 01',
    ]);
    expect(filtered).toEqual(procurementFrom30);
    expect(url.searchParams.get('q')).toBe('procurement');
    expect(afterBack).toEqual(procurementAll);
    expect(sharedRows).toEqual(filtered);
    expect(sharedSearch).toBe('procurement');
  });

  it('sorts by a column header, and a second click flips the direction', async () => {
    const page = await portal.signedInPage(portal.clientTokens.alpha!);
    await page.goto('/leads?tags=hot');
    await waitForRows(page, 'Alpha Person 50');

    await page.getByRole('button', { name: 'Name' }).click();
    await waitForRows(page, 'Alpha Person 10');
    const ascending = await rowNames(page);
    const sortState = await page
      .getByRole('columnheader', { name: 'Name' })
      .getAttribute('aria-sort');
    await page.getByRole('button', { name: 'Name' }).click();
    await waitForRows(page, 'Alpha Person 50');
    const descending = await rowNames(page);

    expect(ascending).toEqual([
      'Alpha Person 10',
      'Alpha Person 20',
      'Alpha Person 30',
      'Alpha Person 40',
      'Alpha Person 50',
    ]);
    expect(sortState).toBe('ascending');
    expect(descending).toEqual([...ascending].reverse());
  });

  it("filters on follow-ups due by the client's own calendar", async () => {
    await portal.withClient('alpha', async (store) => {
      await seedLead(store, {
        slug: 'due-person',
        fullName: 'Due Person',
        followUpOn: '2020-01-01',
      });
      await seedLead(store, {
        slug: 'later-person',
        fullName: 'Later Person',
        followUpOn: '2999-01-01',
      });
    });
    const page = await portal.signedInPage(portal.clientTokens.alpha!);
    await page.goto('/leads');
    await waitForRows(page, 'Alpha Person 55');

    await page.getByLabel('Follow-up due').check();
    await page.waitForURL(/due=true/);
    await waitForRows(page, 'Due Person');
    const due = await rowNames(page);

    expect(due).toEqual(['Due Person']);
  });

  it('names the filters a shared URL carries that the API refuses, and clears them', async () => {
    const page = await portal.signedInPage(portal.clientTokens.alpha!);
    await page.goto('/leads?minScore=150&maxScore=abc');
    const problem = page.getByRole('alert').filter({ hasText: 'These filters cannot be used' });
    await problem.waitFor();
    const named = await problem.getByRole('listitem').allTextContents();
    const searchLimit = await page.getByLabel('Search leads').getAttribute('maxlength');

    await problem.getByRole('button', { name: 'Clear filters' }).click();
    await waitForRows(page, 'Alpha Person 55');
    const url = new URL(page.url());

    expect(named).toEqual([
      'Minimum score: must be at most 100',
      'Maximum score: must be a number written in decimal digits',
    ]);
    expect(searchLimit).toBe('200');
    expect(url.search).toBe('');
  });

  it('marks New lead, not Leads, as the current page on /leads/new, and Leads on a lead', async () => {
    const page = await portal.signedInPage(portal.clientTokens.alpha!);
    const nav = page.getByRole('navigation', { name: 'Main' });
    const current = () => nav.locator('[aria-current="page"]').allTextContents();

    await nav.getByRole('link', { name: 'New lead' }).click();
    await page.waitForURL(/\/leads\/new$/);
    // The URL changes before React renders the new page, and the nav with it.
    await page.getByRole('heading', { name: 'New lead', level: 1 }).waitFor();
    const onNewLead = await current();
    await page.goto('/leads/ld_anything');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    const onLead = await current();

    expect(onNewLead).toEqual(['New lead']);
    expect(onLead).toEqual(['Leads']);
  });
});
