import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedLead } from '../support/lead-fixtures.ts';
import { waitForRowList, waitForRows } from './support/leads-world.ts';
import { openPortal, type Portal } from './support/portal.ts';

let portal: Portal;
const ids: Record<string, string> = {};

beforeAll(async () => {
  portal = await openPortal();
  await portal.withClient('alpha', async (store) => {
    const seeds = [
      { slug: 'ines-duarte', fullName: 'Ines Duarte', score: 95, invitedOn: '2025-09-24' },
      {
        slug: 'omar-haddad',
        fullName: 'Omar Haddad',
        score: 85,
        stagedAt: '2025-09-25T08:00:00.000Z',
      },
      { slug: 'lena-vogel', fullName: 'Lena Vogel', score: 75 },
    ];
    for (const seed of seeds) ids[seed.slug] = (await seedLead(store, seed)).id;
  });
});
afterAll(async () => portal?.close());

/** The text the lead page's profile shows for `term`. */
function fact(page: Awaited<ReturnType<Portal['signedInPage']>>, term: string) {
  return page.locator('dl.facts dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');
}

describe('invited leads in the portal', () => {
  it('filters the Leads page by invitation, and the lead page says when it was sent', async () => {
    const page = await portal.signedInPage(portal.clientTokens.alpha!);
    await page.goto('/leads');
    await waitForRows(page, 'Ines Duarte');

    await page.getByLabel('Invitation').selectOption('true');
    await page.waitForURL(/invited=true/);
    const invited = await waitForRowList(page, ['Ines Duarte']);
    await page.getByLabel('Invitation').selectOption('false');
    await page.waitForURL(/invited=false/);
    const notInvited = await waitForRowList(page, ['Omar Haddad', 'Lena Vogel']);

    await page.goto(`/leads/${ids['ines-duarte']}`);
    await page.getByRole('heading', { name: 'Ines Duarte' }).waitFor();
    const invitation = await fact(page, 'Invitation').textContent();
    await page.goto(`/leads/${ids['omar-haddad']}`);
    await page.getByRole('heading', { name: 'Omar Haddad' }).waitFor();
    const staged = await fact(page, 'Invitation').textContent();
    await page.goto(`/leads/${ids['lena-vogel']}`);
    await page.getByRole('heading', { name: 'Lena Vogel' }).waitFor();
    const none = await page.locator('dl.facts dt', { hasText: 'Invitation' }).count();

    expect(invited).toEqual(['Ines Duarte']);
    expect(notInvited).toEqual(['Omar Haddad', 'Lena Vogel']);
    expect(invitation).toMatch(/^Invited on .*\b24\b.*2025|^Invited on .*2025.*\b24\b/);
    expect(staged).toBe('Staged for the next invitation batch');
    expect(none).toBe(0);
  });
});
