import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getLead } from '../../src/leads/lead-query.ts';
import { updateLead } from '../../src/leads/lead-updates.ts';
import { seedLead } from '../support/lead-fixtures.ts';
import { openPortal, type Portal, saveScreenshot } from './support/portal.ts';

let portal: Portal;
let bravoLeadId: string;
const leadIds: Record<string, string> = {};

beforeAll(async () => {
  portal = await openPortal();
  await portal.withClient('alpha', async (store) => {
    // 55 leads: a page of 50 and a second page of 5, sorted by score (highest first).
    for (let i = 1; i <= 55; i += 1) {
      const lead = await seedLead(store, {
        slug: `alpha-lead-${String(i).padStart(2, '0')}`,
        fullName: `Alpha Person ${String(i).padStart(2, '0')}`,
        headline: i % 5 === 0 ? 'Head of Procurement' : 'Freight Analyst',
        company: 'Kestrel Freight',
        score: i,
        status: 'new',
        tags: i % 10 === 0 ? ['hot'] : [],
      });
      leadIds[lead.fullName!] = lead.id;
    }
  });
  bravoLeadId = await portal.withClient('bravo', async (store) => {
    const lead = await seedLead(store, {
      slug: 'bravo-secret-person',
      fullName: 'Bravo Secret Person',
      headline: 'Payments founder',
      score: 90,
    });
    return lead.id;
  });
});
afterAll(async () => portal?.close());

function rowNames(page: Page): Promise<string[]> {
  return page.locator('tbody tr td[data-column="name"] a').allTextContents();
}

async function waitForRows(page: Page, first: string): Promise<void> {
  await page
    .locator('tbody tr td[data-column="name"] a')
    .first()
    .filter({ hasText: first })
    .waitFor();
}

describe('the Leads page', () => {
  it('pages on the server, searches, filters, and keeps it all in the URL', async () => {
    const page = await portal.signedInPage(portal.clientTokens.alpha!);
    await page.getByRole('link', { name: 'Leads', exact: true }).click();
    await waitForRows(page, 'Alpha Person 55');
    const firstPage = await rowNames(page);
    await page.getByRole('status').filter({ hasText: 'of 55' }).waitFor();
    await saveScreenshot(page, 'leads');

    await page.getByRole('button', { name: 'Next page' }).click();
    await waitForRows(page, 'Alpha Person 05');
    const secondPage = await rowNames(page);

    await page.getByLabel('Search leads').fill('procurement');
    await page.getByLabel('Search leads').press('Enter');
    await waitForRows(page, 'Alpha Person 55');
    await page.getByLabel('Minimum score').fill('30');
    await page.getByLabel('Minimum score').press('Enter');
    await page.waitForURL(/minScore=30/);
    await waitForRows(page, 'Alpha Person 55');
    const filtered = await rowNames(page);
    const url = new URL(page.url());

    await page.goBack();
    await page.waitForURL((current) => !current.search.includes('minScore'));
    await waitForRows(page, 'Alpha Person 55');
    const afterBack = await rowNames(page);

    const shared = await portal.signedInPage(portal.clientTokens.alpha!);
    await shared.goto(`${url.pathname}${url.search}`);
    await waitForRows(shared, 'Alpha Person 55');
    const sharedRows = await rowNames(shared);
    const sharedSearch = await shared.getByLabel('Search leads').inputValue();

    expect(firstPage).toHaveLength(50);
    expect(firstPage.slice(0, 2)).toEqual(['Alpha Person 55', 'Alpha Person 54']);
    expect(secondPage).toEqual([
      'Alpha Person 05',
      'Alpha Person 04',
      'Alpha Person 03',
      'Alpha Person 02',
      'Alpha Person 01',
    ]);
    expect(filtered).toEqual([
      'Alpha Person 55',
      'Alpha Person 50',
      'Alpha Person 45',
      'Alpha Person 40',
      'Alpha Person 35',
      'Alpha Person 30',
    ]);
    expect(url.searchParams.get('q')).toBe('procurement');
    expect(afterBack).toEqual(
      filtered
        .concat(['Alpha Person 25', 'Alpha Person 20'])
        .concat(['Alpha Person 15', 'Alpha Person 10', 'Alpha Person 05']),
    );
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

  it('saves a quick edit with the version, and shows a conflict without losing the choice', async () => {
    const page = await portal.signedInPage(portal.clientTokens.alpha!);
    await page.goto('/leads?q=procurement&minScore=50');
    await waitForRows(page, 'Alpha Person 55');
    const id55 = leadIds['Alpha Person 55']!;
    const id50 = leadIds['Alpha Person 50']!;

    await page.getByLabel('Status of Alpha Person 55').selectOption('contacted');
    await page.getByLabel('Status of Alpha Person 55').and(page.locator(':enabled')).waitFor();
    await expect.poll(() => statusOf(id55)).toBe('contacted');

    // Someone else changes lead 50 after the page read it.
    await portal.withClient('alpha', async (store) => {
      const lead = await getLead(store, id50);
      await updateLead(store, id50, lead.version, { status: 'replied' });
    });
    await page.getByLabel('Status of Alpha Person 50').selectOption('qualified');
    const alert = page.getByRole('alert').filter({ hasText: 'Someone else saved first' });
    await alert.waitFor();
    const told = await alert.textContent();
    await saveScreenshot(page, 'leads-conflict');
    const beforeChoice = await statusOf(id50);
    await alert.getByRole('button', { name: 'Save mine' }).click();
    await alert.waitFor({ state: 'detached' });

    expect(told).toContain('status is now “replied”; you chose “qualified”');
    expect(beforeChoice).toBe('replied');
    expect(await statusOf(id50)).toBe('qualified');
  });

  it('changes the selected leads in bulk', async () => {
    const page = await portal.signedInPage(portal.clientTokens.alpha!);
    await page.goto('/leads?tags=hot');
    await waitForRows(page, 'Alpha Person 50');

    await page.getByLabel('Select Alpha Person 40').check();
    await page.getByLabel('Select Alpha Person 20').check();
    await page.getByLabel('Change', { exact: true }).selectOption('addTags');
    await page.getByLabel('To', { exact: true }).fill('follow-up-q4');
    await page.getByRole('button', { name: 'Apply to 2' }).click();
    await page.getByRole('status').filter({ hasText: 'Updated 2 leads.' }).waitFor();

    const tags = await portal.withClient('alpha', async (store) =>
      Promise.all(
        ['Alpha Person 40', 'Alpha Person 20', 'Alpha Person 30'].map(
          async (name) => (await getLead(store, leadIds[name]!)).tags,
        ),
      ),
    );
    expect(tags.map((list) => [...list].sort())).toEqual([
      ['follow-up-q4', 'hot'],
      ['follow-up-q4', 'hot'],
      ['hot'],
    ]);
  });

  it("lets an admin switch clients, showing only the chosen client's leads", async () => {
    const page = await portal.signedInPage(portal.adminToken);
    await page.goto('/leads?tags=hot');
    await waitForRows(page, 'Alpha Person 50');

    await page.getByLabel('Client').selectOption('bravo');
    await page.goto('/leads');
    await waitForRows(page, 'Bravo Secret Person');
    const bravoRows = await rowNames(page);
    await page.setViewportSize({ width: 390, height: 844 });
    await saveScreenshot(page, 'leads-phone');

    expect(bravoRows).toEqual(['Bravo Secret Person']);
  });

  it("shows 'not found' to client A who types the address of client B's lead", async () => {
    const page = await portal.signedInPage(portal.clientTokens.alpha!);

    await page.goto(`/leads/${encodeURIComponent(bravoLeadId)}`);
    await page.getByRole('heading', { name: 'Not found' }).waitFor();
    const text = await page.locator('body').textContent();

    expect(text).not.toContain('Bravo Secret Person');
    expect(text).not.toContain('Payments founder');
  });
});

async function statusOf(id: string): Promise<string> {
  return portal.withClient('alpha', async (store) => (await getLead(store, id)).status);
}
