import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedLead } from '../support/lead-fixtures.ts';
import { openPortal, type Portal, saveScreenshot } from './support/portal.ts';

let portal: Portal;
const today = new Date().toISOString().slice(0, 10);

/** Alpha: one lead per score band (5, 15, …, 95), some further down the pipeline. */
async function seedAlpha() {
  await portal.withClient('alpha', async (store) => {
    for (let band = 0; band < 10; band += 1) {
      const score = band * 10 + 5;
      const lead = await seedLead(store, {
        slug: `overview-${band}`,
        fullName: `Overview Person ${band}`,
        score,
        ...(band === 7 ? { stagedAt: '2025-09-01T08:00:00.000Z' } : {}),
        ...(band === 8 ? { invitedOn: '2025-09-02' } : {}),
      });
      if (band === 9) {
        await store.db
          .updateTable('leads')
          .set({ connection_status: 'connected' })
          .where('id', '=', lead.id)
          .execute();
      }
      if (band < 3) {
        await store.db
          .insertInto('lead_scores')
          .values({
            lead_id: lead.id,
            run_id: 'run-e2e',
            rubric_version: 1,
            scorer: 'offline',
            score,
            status: 'scored',
            detail: '{}',
            created_at: `${today}T06:00:00.000Z`,
          })
          .execute();
      }
    }
    await seedLead(store, { slug: 'overview-unscored', fullName: 'Not Scored Yet' });
  });
  await portal.withClient('bravo', (store) =>
    seedLead(store, { slug: 'bravo-only', fullName: 'Bravo Only', score: 99 }),
  );
}

beforeAll(async () => {
  portal = await openPortal();
  await seedAlpha();
});
afterAll(async () => portal?.close());

async function stats(page: import('playwright-core').Page) {
  const region = page.getByRole('region', { name: 'Pipeline' });
  await region.waitFor();
  const found: Record<string, string> = {};
  for (const text of await region.locator('dl div').allInnerTexts()) {
    const [label, value] = text.split('\n').map((part) => part.trim());
    found[label!] = value!;
  }
  return found;
}

/** The numbers behind a chart, from the table that screen readers read. */
async function chartValues(page: import('playwright-core').Page, name: string) {
  const rows = page.getByRole('table', { name }).locator('tbody tr');
  const values: Record<string, number> = {};
  for (const row of await rows.all()) {
    values[(await row.locator('th').textContent())!] = Number(
      await row.locator('td').textContent(),
    );
  }
  return values;
}

describe('the Overview page', () => {
  it('shows pipeline counts, the score histogram and leads scored per day', async () => {
    const page = await portal.signedInPage(portal.clientTokens.alpha!);

    const counts = await stats(page);
    const bands = await chartValues(page, 'Score distribution');
    const perDay = await chartValues(page, 'Leads scored per day (last 30 days, UTC)');
    await saveScreenshot(page, 'overview-pipeline');
    await page.setViewportSize({ width: 390, height: 844 });
    await saveScreenshot(page, 'overview-phone');

    // Threshold 60: the leads at 65 and 75 (staged) … only 65 is still a candidate.
    expect(counts).toEqual({
      Leads: '11',
      'Candidates (score ≥ 60)': '1',
      Staged: '1',
      Invited: '1',
      Connected: '1',
    });
    expect(Object.values(bands)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(Object.keys(bands)[9]).toBe('90–100');
    expect(Object.keys(perDay)).toHaveLength(30);
    expect(Object.values(perDay).at(-1)).toBe(3);
    expect(Object.values(perDay).reduce((sum, value) => sum + value, 0)).toBe(3);
  });

  it("shows an admin the chosen client's counts only", async () => {
    const page = await portal.signedInPage(portal.adminToken);
    await page.getByLabel('Client').selectOption('bravo');
    // The pages below the switcher are mounted afresh for the chosen client.
    await page.getByRole('main').getByText('Bravo Payments', { exact: true }).waitFor();

    const counts = await stats(page);

    expect(counts.Leads).toBe('1');
    expect(counts['Candidates (score ≥ 60)']).toBe('1');
  });
});
