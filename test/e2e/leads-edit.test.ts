import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getLead } from '../../src/leads/lead-query.ts';
import { updateLead } from '../../src/leads/lead-updates.ts';
import { type LeadsWorld, rowNames, seedLeadsWorld, waitForRows } from './support/leads-world.ts';
import { openPortal, type Portal, saveScreenshot } from './support/portal.ts';

let portal: Portal;
let world: LeadsWorld;

beforeAll(async () => {
  portal = await openPortal();
  world = await seedLeadsWorld(portal);
});
afterAll(async () => portal?.close());

describe('the Leads page: changing leads', () => {
  it('saves a quick edit with the version, and shows a conflict without losing the choice', async () => {
    const page = await portal.signedInPage(portal.clientTokens.alpha!);
    await page.goto('/leads?q=procurement&minScore=50');
    await waitForRows(page, 'Alpha Person 55');
    const id55 = world.alphaIds['Alpha Person 55']!;
    const id50 = world.alphaIds['Alpha Person 50']!;

    // The select is enabled before the save as after it: wait for the answer, then for the page.
    const saved55 = page.waitForResponse(
      (response) =>
        response.request().method() === 'PATCH' &&
        new URL(response.url()).pathname === `/api/leads/${encodeURIComponent(id55)}`,
    );
    await page.getByLabel('Status of Alpha Person 55').selectOption('contacted');
    expect((await saved55).status()).toBe(200);
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
          async (name) => (await getLead(store, world.alphaIds[name]!)).tags,
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

    await page.goto(`/leads/${encodeURIComponent(world.bravoLeadId)}`);
    await page.getByRole('heading', { name: 'Not found' }).waitFor();
    const text = await page.locator('body').textContent();

    expect(text).not.toContain('Bravo Secret Person');
    expect(text).not.toContain('Payments founder');
  });
});

async function statusOf(id: string): Promise<string> {
  return portal.withClient('alpha', async (store) => (await getLead(store, id)).status);
}
