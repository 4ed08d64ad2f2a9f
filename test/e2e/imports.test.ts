import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { casePath, readCaseJson } from '../support/cases.ts';
import { openPortal, type Portal, saveScreenshot } from './support/portal.ts';

let portal: Portal;
beforeAll(async () => {
  portal = await openPortal();
});
afterAll(async () => portal?.close());

interface ConnectionsExpectation {
  layout: { data_records: number };
  keyed_records: number;
  unique_people_by_canonical_key: number;
  records_without_url: number[];
  blank_records: number[];
}

/** The counts an import result shows, by their label. */
async function resultCounts(page: import('playwright-core').Page) {
  const entries = page.getByLabel('Import counts').locator('div');
  const counts: Record<string, number> = {};
  for (const text of await entries.allInnerTexts()) {
    const [label, value] = text.split('\n').map((part) => part.trim());
    counts[label!] = Number(value!.replaceAll(',', ''));
  }
  return counts;
}

async function leadTotal(clientId: string): Promise<number> {
  return portal.withClient(clientId, async (store) => {
    const row = await store.db
      .selectFrom('leads')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    return Number(row.count);
  });
}

describe('the Imports page', () => {
  it('previews a Connections export, imports it, and hands out the rejected rows', async () => {
    const expected = readCaseJson<ConnectionsExpectation>('connections-export-300.expected.json');
    const page = await portal.signedInPage(portal.clientTokens.alpha!);
    await page.getByRole('link', { name: 'Imports' }).click();

    await page.getByLabel('File to import').setInputFiles(casePath('connections-export-300.csv'));
    const preview = page.getByRole('table', { name: /First 10 records/ });
    await preview.waitFor();
    const detected = await page.getByText('Detected format:').textContent();
    const firstRow = await preview.locator('tbody tr').first().textContent();
    await saveScreenshot(page, 'imports-preview');

    await page.getByRole('button', { name: 'Import file' }).click();
    await page.getByRole('heading', { name: 'Import finished' }).waitFor({ timeout: 20_000 });
    const counts = await resultCounts(page);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download rejected rows (CSV)' }).click();
    const report = readFileSync(await (await download).path(), 'utf8');
    const history = await page.getByRole('table', { name: 'Past imports' }).textContent();
    await saveScreenshot(page, 'imports');

    const rejected = expected.layout.data_records - expected.keyed_records;
    expect(detected).toBe('Detected format: LinkedIn Connections export');
    expect(firstRow).toContain('Chloé Keller');
    expect(firstRow).toContain('https://www.linkedin.com/in/chloe-keller-a8f968dd');
    expect(counts.Records).toBe(expected.layout.data_records);
    expect(counts.Rejected).toBe(rejected);
    expect(counts).toMatchObject({
      Created: expected.unique_people_by_canonical_key,
      Updated: 0,
      'Repeated in the file': expected.keyed_records - expected.unique_people_by_canonical_key,
      Unchanged: 0,
      Merged: 0,
    });
    expect(await leadTotal('alpha')).toBe(expected.unique_people_by_canonical_key);
    const reportRecords = report
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => Number(line.split(',')[1]));
    expect(report.split('\n')[0]).toBe('line,record,code,reason');
    expect(reportRecords).toEqual(
      [...expected.records_without_url, ...expected.blank_records].sort((a, b) => a - b),
    );
    expect(history).toContain('connections-export-300.csv');
    expect(await leadTotal('bravo')).toBe(0);
  });

  it('maps the columns of a plain CSV, dry-runs it, then imports it', async () => {
    const csv = [
      'Person,LinkedIn link,Organisation,Notes',
      'Ada Kern,https://www.linkedin.com/in/ada-kern-e2e,Kernwerk,met at fair',
      'Bo Lind,https://www.linkedin.com/in/bo-lind-e2e/,Lindhus,',
      'No Link,,Nowhere,',
      '',
    ].join('\n');
    const page = await portal.signedInPage(portal.clientTokens.bravo!);
    await page.getByRole('link', { name: 'Imports' }).click();

    await page.getByLabel('File to import').setInputFiles({
      name: 'contacts.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await page.getByRole('heading', { name: 'Map the columns' }).waitFor();
    const sentence = await page.getByText('match none of the exports Leadbase knows').textContent();
    const alerts = await page.getByRole('alert').count();
    const fields = await page.locator('.column-map label').allTextContents();
    const guessedUrl = await page.getByLabel('LinkedIn profile URL').inputValue();
    await page.getByLabel('Company').selectOption('Organisation');
    await page.getByLabel('Full name').selectOption('Person');
    await saveScreenshot(page, 'imports-column-map');
    await page.getByRole('button', { name: 'Check with this mapping' }).click();
    await page.getByText('Detected format:').waitFor();
    const detected = await page.getByText('Detected format:').textContent();

    await page.getByRole('button', { name: 'Dry run (write nothing)' }).click();
    await page.getByRole('heading', { name: 'Dry run: what the import would do' }).waitFor();
    const dryCounts = await resultCounts(page);
    const afterDryRun = await leadTotal('bravo');
    await page.getByRole('button', { name: 'Import file' }).click();
    await page.getByRole('heading', { name: 'Import finished' }).waitFor();
    const counts = await resultCounts(page);

    expect(sentence).toMatch(/^This file's columns match none of the exports Leadbase knows\./);
    expect(alerts).toBe(0);
    expect(fields).toEqual(expect.arrayContaining(['Industry', 'About', 'Status', 'Follow up on']));
    expect(guessedUrl).toBe('LinkedIn link');
    expect(detected).toBe('Detected format: Plain CSV through your column map');
    expect(dryCounts).toMatchObject({ Records: 3, Created: 2, Rejected: 1 });
    expect(afterDryRun).toBe(0);
    expect(counts).toMatchObject({ Records: 3, Created: 2, Rejected: 1 });
    expect(await leadTotal('bravo')).toBe(2);
  });
});
