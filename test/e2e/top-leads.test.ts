import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarDateIn } from '../../src/clock.ts';
import type { TenantStore } from '../../src/db/tenancy.ts';
import { readLead } from '../../src/leads/lead-change.ts';
import { updateLead } from '../../src/leads/lead-updates.ts';
import { seedLead } from '../support/lead-fixtures.ts';
import { openPortal, type Portal, saveScreenshot } from './support/portal.ts';

let portal: Portal;
const ids: Record<string, string> = {};

beforeAll(async () => {
  portal = await openPortal();
  await portal.withClient('alpha', async (store) => {
    const seeds = [
      { slug: 'ines-duarte', score: 95, headline: 'Moving freight across the Baltic' },
      { slug: 'omar-haddad', score: 85 },
      { slug: 'lena-vogel', score: 75, position: 'Head of Fleet' },
      { slug: 'piet-smit', score: 65 },
      { slug: 'ana-ruiz', score: 55 },
      { slug: 'tom-low', score: 30 },
      // Connected already: never a candidate, whatever the score.
      { slug: 'cara-known', score: 99, connectionStatus: 'connected' as const },
    ];
    for (const seed of seeds) ids[seed.slug] = (await seedLead(store, seed)).id;
    // Scored once; Mary-Kate's headline then changed, so her 82.58 is out of date.
    ids['mary-kate'] = (await seedLead(store, { slug: 'mary-kate', score: 82.58 })).id;
    await store.db.updateTable('leads').set({ scored_at: '2025-09-01T08:00:00.000Z' }).execute();
    await changeHeadline(store, ids['mary-kate']!);
  });
  await portal.withClient('bravo', async (store) => {
    ids['bravo-only'] = (await seedLead(store, { slug: 'bravo-only', score: 80 })).id;
  });
});
afterAll(async () => portal?.close());

async function changeHeadline(store: TenantStore, id: string) {
  const lead = await readLead(store.db, id);
  await updateLead(store, id, lead.version, {
    headline: 'Recruiter for logistics roles | Talent acquisition',
  });
}

const status = (page: Page, text: string | RegExp) =>
  page.getByRole('status').filter({ hasText: text }).waitFor();

async function confirm(page: Page, button: string, dialogTitle: string, answer: string) {
  await page.getByRole('button', { name: button, exact: true }).click();
  await page
    .getByRole('dialog', { name: dialogTitle })
    .getByRole('button', { name: answer })
    .click();
}

function batchRows(page: Page, column = 'name') {
  return page
    .getByRole('region', { name: 'Staged batch' })
    .locator(`td[data-column="${column}"]`)
    .allTextContents();
}

describe('the Top leads page', () => {
  it('previews at a threshold, stages a batch, downloads its CSV and resets it', async () => {
    const page = await portal.signedInPage(portal.clientTokens.alpha!);
    await page.getByRole('link', { name: 'Top leads' }).click();
    await status(page, '4 candidates at or above 60');
    const threshold = await page.getByLabel('Score threshold').inputValue();

    await page.getByLabel('Score threshold').fill('50');
    await page.getByRole('button', { name: 'Show' }).click();
    await status(page, '5 candidates at or above 50');
    const url = page.url();

    await page.getByLabel('Batch size').fill('3');
    await page.getByRole('button', { name: 'Stage batch' }).click();
    await status(page, 'Staged 3 leads; the batch now holds 3 leads.');
    await status(page, '3 leads staged for invitation.');
    await status(page, '2 candidates at or above 50');
    const staged = await batchRows(page);
    const headlines = await batchRows(page, 'headline');
    await saveScreenshot(page, 'top-leads');
    await page.setViewportSize({ width: 390, height: 844 });
    await saveScreenshot(page, 'top-leads-phone');
    await page.setViewportSize({ width: 1280, height: 720 });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV for LinkedHelper' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');

    await confirm(page, 'Reset batch', 'Put 3 leads back among the candidates?', 'Reset');
    await status(page, 'Reset: 3 leads back among the candidates.');
    await status(page, 'No lead is staged.');
    await status(page, '5 candidates at or above 50');

    expect(threshold).toBe('60');
    expect(new URL(url).searchParams.get('threshold')).toBe('50');
    expect(staged).toEqual(['ines-duarte', 'omar-haddad', 'lena-vogel']);
    // The CSV's headline column is the raw headline; the page labels the position standing in.
    expect(headlines).toEqual([
      'Moving freight across the Baltic',
      '',
      'No headline; position: Head of Fleet',
    ]);
    expect(download.suggestedFilename()).toBe('invitations-alpha.csv');
    const rows = csv.trimEnd().split('\r\n');
    expect(rows[0]).toBe(
      'profile_url,first_name,last_name,full_name,headline,company,position,score,lead_id',
    );
    const cells = rows.slice(1).map((row) => row.split(','));
    expect(cells.map((row) => [row[0], row[4], row[6], row.at(-1)])).toEqual([
      [
        'https://www.linkedin.com/in/ines-duarte/',
        'Moving freight across the Baltic',
        '',
        ids['ines-duarte'],
      ],
      ['https://www.linkedin.com/in/omar-haddad/', '', '', ids['omar-haddad']],
      ['https://www.linkedin.com/in/lena-vogel/', '', 'Head of Fleet', ids['lena-vogel']],
    ]);
  });

  it('finalizes only after the confirmation, on the client’s today', async () => {
    const page = await portal.signedInPage(portal.clientTokens.alpha!);
    await page.goto('/top-leads');
    await status(page, '4 candidates at or above 60');
    await page.getByLabel('Batch size').fill('2');
    await page.getByRole('button', { name: 'Stage batch' }).click();
    await status(page, '2 leads staged for invitation.');

    await confirm(page, 'Finalize batch', 'Mark 2 leads as invited?', 'Cancel');
    const stillStaged = await batchRows(page);
    await confirm(page, 'Finalize batch', 'Mark 2 leads as invited?', 'Finalize');
    const today = calendarDateIn('Europe/Berlin');
    await status(page, `Finalized: 2 leads marked invited on ${today}.`);
    await status(page, 'No lead is staged.');
    await status(page, '2 candidates at or above 60');
    const finalizeDisabled = await page
      .getByRole('button', { name: 'Finalize batch' })
      .isDisabled();

    const invited = await portal.withClient('alpha', (store) =>
      store.db
        .selectFrom('leads')
        .select(['full_name', 'invited_on'])
        .where('invited_on', 'is not', null)
        .orderBy('full_name')
        .execute(),
    );
    expect(stillStaged).toEqual(['ines-duarte', 'omar-haddad']);
    expect(finalizeDisabled).toBe(true);
    expect(invited).toEqual([
      { full_name: 'ines-duarte', invited_on: today },
      { full_name: 'omar-haddad', invited_on: today },
    ]);
  });

  it("gives an admin the chosen client's batch and CSV, and only that client's", async () => {
    const page = await portal.signedInPage(portal.adminToken);
    await page.getByLabel('Client').selectOption('bravo');
    await page.getByRole('link', { name: 'Top leads' }).click();
    await status(page, '1 candidate at or above 60');
    await page.getByRole('button', { name: 'Stage batch' }).click();
    await status(page, '1 lead staged for invitation.');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV for LinkedHelper' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    await confirm(page, 'Reset batch', 'Put 1 lead back among the candidates?', 'Reset');
    await status(page, 'No lead is staged.');

    expect(download.suggestedFilename()).toBe('invitations-bravo.csv');
    expect(csv.trimEnd().split('\r\n').slice(1)).toEqual([
      // A one-word full name gives the first name, the greeting's only name.
      `https://www.linkedin.com/in/bravo-only/,bravo-only,,bravo-only,,,,80,${ids['bravo-only']}`,
    ]);
  });

  it('lists a lead whose profile changed after its score apart and never stages it', async () => {
    const page = await portal.signedInPage(portal.clientTokens.alpha!);
    await page.goto('/top-leads');
    await status(page, '2 candidates at or above 60');
    const outOfDate = page.getByRole('region', { name: 'Score out of date — rescore first' });
    await outOfDate.getByRole('status').filter({ hasText: '1 lead at or above 60' }).waitFor();
    const heldBack = await outOfDate.locator('td[data-column="score"]').allTextContents();

    await page.getByLabel('Batch size').fill('10');
    await page.getByRole('button', { name: 'Stage batch' }).click();
    await status(page, 'Staged 2 leads; the batch now holds 2 leads.');
    const staged = await batchRows(page);
    await portal.withClient('alpha', (store) => changeHeadline(store, ids['lena-vogel']!));
    await page.reload();
    await status(page, 'Score out of date: 1 staged lead changed after the score shown.');
    const stagedScores = await batchRows(page, 'score');
    await saveScreenshot(page, 'top-leads-out-of-date');
    await confirm(page, 'Reset batch', 'Put 2 leads back among the candidates?', 'Reset');
    await status(page, 'No lead is staged.');
    await status(page, '1 candidate at or above 60');

    expect(heldBack).toEqual(['82.58 (out of date: the profile changed since)']);
    expect(staged).toEqual(['lena-vogel', 'piet-smit']);
    expect(stagedScores).toEqual(['75 (out of date: the profile changed since)', '65']);
  });
});
