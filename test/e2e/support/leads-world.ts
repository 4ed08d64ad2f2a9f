import type { Page } from 'playwright-core';
import { seedLead } from '../../support/lead-fixtures.ts';
import type { Portal } from './portal.ts';

/** The Leads page's fixtures: client A's 55 leads, and one of client B's. */
export interface LeadsWorld {
  /** Lead IDs of client A by full name ('Alpha Person 01' … 'Alpha Person 55'). */
  alphaIds: Record<string, string>;
  bravoLeadId: string;
}

/**
 * Client A gets 55 leads scored 1 to 55 (a page of 50 and a page of 5), every fifth a Head of
 * Procurement and every tenth tagged 'hot'; client B one lead whose words only B has.
 */
export async function seedLeadsWorld(portal: Portal): Promise<LeadsWorld> {
  const alphaIds: Record<string, string> = {};
  await portal.withClient('alpha', async (store) => {
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
      alphaIds[lead.fullName!] = lead.id;
    }
  });
  const bravoLeadId = await portal.withClient('bravo', async (store) => {
    const lead = await seedLead(store, {
      slug: 'bravo-secret-person',
      fullName: 'Bravo Secret Person',
      headline: 'Payments founder',
      score: 90,
    });
    return lead.id;
  });
  return { alphaIds, bravoLeadId };
}

/** The names in the Leads table, top to bottom. */
export function rowNames(page: Page): Promise<string[]> {
  return page.locator('tbody tr td[data-column="name"] a').allTextContents();
}

/** The name links of a Leads table that shows its current search (not the last one's rows). */
function settledNames(page: Page) {
  return page.locator(
    'table.leads-table:not([aria-busy="true"]) tbody tr td[data-column="name"] a',
  );
}

/** Waits until the Leads table shows its current search and its first row is exactly `first`. */
export async function waitForRows(page: Page, first: string): Promise<void> {
  await settledNames(page)
    .first()
    .filter({ hasText: exactly(first) })
    .waitFor();
}

/** `text` as the whole text of an element ('Alpha Person 1' does not match 'Alpha Person 10'). */
function exactly(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

/**
 * Waits until the table shows exactly `names`, top to bottom, and returns what it shows then
 * (or at the timeout). A new search may render after the URL changes, so the first row alone
 * cannot tell an old result from a new one when both start alike.
 */
export async function waitForRowList(page: Page, names: string[], timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  let shown = await settledNames(page).allTextContents();
  while (JSON.stringify(shown) !== JSON.stringify(names) && Date.now() < until) {
    await page.waitForTimeout(50);
    shown = await settledNames(page).allTextContents();
  }
  return shown;
}
