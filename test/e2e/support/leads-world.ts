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

/** Waits until the Leads table's first row is `first`. */
export async function waitForRows(page: Page, first: string): Promise<void> {
  await page
    .locator('tbody tr td[data-column="name"] a')
    .first()
    .filter({ hasText: first })
    .waitFor();
}
