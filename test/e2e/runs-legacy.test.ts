import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importLegacyRuns } from '../../src/runs/legacy-run-import.ts';
import { readCaseText } from '../support/cases.ts';
import { legacyCaseFile } from '../support/legacy-run-case.ts';
import { openPortal, type Portal, saveScreenshot } from './support/portal.ts';

let portal: Portal;

beforeAll(async () => {
  portal = await openPortal({
    clients: [
      { id: 'dana-whitfield', name: 'Dana Whitfield', timeZone: 'America/Chicago' },
      { id: 'ola-nordmann', name: 'Ola Nordmann', timeZone: 'Europe/Oslo' },
      { id: 'priya-raman-kaur', name: 'Priya Raman Kaur', timeZone: 'Asia/Kolkata' },
    ],
  });
  await importLegacyRuns(portal.world.stores, readCaseText(legacyCaseFile), legacyCaseFile);
});
afterAll(async () => portal?.close());

describe('the Runs page: imported legacy runs', () => {
  it("shows times on the client's clock, the legacy origin, its flags and why counts differ", async () => {
    const page = await portal.signedInPage(portal.clientTokens['ola-nordmann']!);
    await page.goto('/runs');
    const fallbackRun = page.getByRole('listitem', { name: 'Run 2' });
    await fallbackRun.waitFor();

    const flags = await fallbackRun
      .getByRole('list', { name: 'Flagged for checking' })
      .textContent();
    const firstRun = page.getByRole('listitem', { name: 'Run 1' });
    const started = await firstRun.locator('.run-head time').first().textContent();
    const origin = await firstRun.locator('.legacy-origin').textContent();
    await firstRun.getByRole('button', { name: 'Show records of Run 1' }).click();
    const note = await firstRun.locator('.legacy-note').allTextContents();
    await saveScreenshot(page, 'runs-legacy');

    expect(flags).toBe('Flagged fallback run ID');
    // 02:00:03 UTC is 04:00:03 in Oslo in September (CEST).
    expect(started).toMatch(/0?4:00:03/);
    expect(started).toMatch(/CEST|GMT\+2/);
    expect(origin).toContain('Imported from legacy run SR-250924-001-T3304');
    expect(origin).toContain('export records 5, 6, 13');
    expect(note).toEqual([
      'score-leads: 1 examined item has no recorded outcome: the legacy system counted only what it examined and what succeeded, not what failed or was skipped.',
    ]);
  });

  it('shows a possible duplicate to the client it concerns', async () => {
    const page = await portal.signedInPage(portal.clientTokens['priya-raman-kaur']!);
    await page.goto('/runs');
    const flagged = page.getByRole('list', { name: 'Flagged for checking' });
    await flagged.waitFor();

    const texts = await flagged.allTextContents();
    const started = await page
      .getByRole('listitem', { name: 'Run 2' })
      .locator('.run-head time')
      .first()
      .textContent();

    expect(texts).toEqual([
      'Flagged possible duplicate of run 250924-152230 for the same client (started 1 s apart); kept apart, not merged by guess',
    ]);
    expect(started).toMatch(/GMT\+5:30|IST/);
  });
});
