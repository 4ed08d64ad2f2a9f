import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRubric } from '../../src/scoring/rubric.ts';
import { addRubricVersion } from '../../src/scoring/rubric-store.ts';
import { founderRubric } from '../http/lead-fixtures.ts';
import { seedLead } from '../support/lead-fixtures.ts';
import { openPortal, type Portal, saveScreenshot } from './support/portal.ts';

let portal: Portal;
const leadCount = 30;

beforeAll(async () => {
  portal = await openPortal({
    clients: [
      {
        id: 'alpha',
        name: 'Alpha Freight',
        timeZone: 'Europe/Berlin',
        serviceLevel: 'leads+posts',
      },
      { id: 'bravo', name: 'Bravo Payments', timeZone: 'America/New_York', serviceLevel: 'leads' },
    ],
  });
  await portal.withClient('alpha', async (store) => {
    await addRubricVersion(store, parseRubric(founderRubric, 'the e2e rubric'));
    for (let n = 0; n < leadCount; n += 1) {
      await seedLead(store, {
        slug: `runs-lead-${n}`,
        fullName: `Runs Person ${n}`,
        headline: n % 3 === 0 ? 'Founder at Kestrel' : 'Analyst at Kestrel',
      });
    }
  });
});
afterAll(async () => portal?.close());

/** The numbers behind a chart, from the table that screen readers read. */
async function chartValues(page: Page, name: string): Promise<number[]> {
  return (await page.getByRole('table', { name }).locator('tbody td').allTextContents()).map(
    Number,
  );
}

async function recordCells(page: Page, run: string) {
  const item = page.getByRole('listitem', { name: run });
  const toggle = item.getByRole('button', { name: `Show records of ${run}` });
  if (await toggle.isVisible()) await toggle.click();
  await item.getByRole('table', { name: `Records of ${run}` }).waitFor();
  const headers = await item.locator('table thead th').allTextContents();
  const cells = await item.locator('table tbody tr').first().locator('th, td').allTextContents();
  return Object.fromEntries(headers.map((header, index) => [header, cells[index]]));
}

describe('the Runs page', () => {
  it('starts a run, watches it finish, and charts what it did', async () => {
    const page = await portal.signedInPage(portal.clientTokens.alpha!);
    await page.getByRole('link', { name: 'Runs' }).click();
    await page.getByText('No run yet.').waitFor();

    await page.getByRole('button', { name: 'Start run' }).click();
    const run = page.getByRole('listitem', { name: 'Run 1' });
    await run.locator('.run-status', { hasText: 'succeeded' }).first().waitFor({ timeout: 20_000 });
    const record = await recordCells(page, 'Run 1');
    const scored = await chartValues(page, 'Leads scored per run');
    const harvested = await chartValues(page, 'Posts harvested per run');
    const scoredInStore = await portal.withClient('alpha', async (store) => {
      const rows = await store.db
        .selectFrom('leads')
        .select('score_status')
        .where('score_status', '!=', 'pending')
        .execute();
      return rows.length;
    });
    await saveScreenshot(page, 'runs');

    expect(record).toMatchObject({
      Operation: 'score-leads',
      Status: 'succeeded',
      Examined: String(leadCount),
      Succeeded: String(leadCount),
      Failed: '0',
    });
    expect(scored).toEqual([leadCount]);
    expect(harvested).toEqual([0]);
    expect(scoredInStore).toBe(leadCount);
  });

  it('shows a client only its own runs', async () => {
    const page = await portal.signedInPage(portal.clientTokens.bravo!);
    await page.getByRole('link', { name: 'Runs' }).click();

    await page.getByText('No run yet.').waitFor();

    expect(await page.getByRole('listitem', { name: /^Run / }).count()).toBe(0);
  });

  it('offers posts operations only to a client whose service level includes posts', async () => {
    const withPosts = await portal.signedInPage(portal.clientTokens.alpha!);
    await withPosts.getByRole('link', { name: 'Runs' }).click();
    const leadsOnly = await portal.signedInPage(portal.clientTokens.bravo!);
    await leadsOnly.getByRole('link', { name: 'Runs' }).click();
    await withPosts.getByRole('button', { name: 'Start run' }).waitFor();
    await leadsOnly.getByRole('button', { name: 'Start run' }).waitFor();

    const offered = (page: Page) =>
      page
        .locator('form.start-run')
        .getByRole('checkbox')
        .evaluateAll((boxes) => boxes.map((box) => box.parentElement?.textContent?.trim()));

    expect(await offered(withPosts)).toEqual(['Score leads', 'Harvest posts', 'Score posts']);
    expect(await withPosts.getByText('not offered').count()).toBe(0);
    expect(await offered(leadsOnly)).toEqual(['Score leads']);
    expect(await leadsOnly.locator('form.start-run .hint').textContent()).toBe(
      'Harvest posts and Score posts are not offered: the service level of Bravo Payments covers leads only, not posts.',
    );
  });
});
