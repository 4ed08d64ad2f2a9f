import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedLead } from '../support/lead-fixtures.ts';
import { openPortal, type Portal, saveScreenshot } from './support/portal.ts';

let portal: Portal;
beforeAll(async () => {
  portal = await openPortal();
});
afterAll(async () => portal?.close());

describe('leads without a name, and records an import would reject', () => {
  it("lists a nameless lead as 'Unnamed lead', linking to it", async () => {
    const lead = await portal.withClient('alpha', (store) =>
      seedLead(store, { slug: 'nameless-person', fullName: '  ' }),
    );
    const page = await portal.signedInPage(portal.clientTokens.alpha!);
    await page.goto('/leads');
    const link = page.locator('tbody td[data-column="name"] a').first();
    await link.filter({ hasText: 'Unnamed lead' }).waitFor();
    const href = await link.getAttribute('href');
    const muted = await link.locator('.muted').textContent();
    await link.click();
    await page.getByRole('heading', { name: 'Unnamed lead' }).waitFor();

    expect(lead.fullName).toBeNull();
    expect([href, muted]).toEqual([`/leads/${encodeURIComponent(lead.id)}`, 'Unnamed lead']);
  });

  it('previews a rejected record with what it holds beside the reason', async () => {
    const csv = [
      'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
      'Bad,Row,,,Nowhere Ltd,Buyer,03 Feb 2025',
      'Ilse,Brandt,https://www.linkedin.com/in/ilse-brandt-demo,,Kranwerk,CPO,03 Feb 2025',
      '',
    ].join('\r\n');
    const page = await portal.signedInPage(portal.clientTokens.alpha!);
    await page.getByRole('link', { name: 'Imports' }).click();

    await page.getByLabel('File to import').setInputFiles({
      name: 'bad-row.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    const preview = page.getByRole('table', { name: /First 2 records/ });
    await preview.waitFor();
    const cells = await preview.locator('tbody tr').first().locator('td').allInnerTexts();
    await saveScreenshot(page, 'imports-preview-rejected');

    expect(cells).toEqual([
      '2',
      'Bad Row',
      '–',
      'Nowhere Ltd',
      'Buyer',
      '–',
      'Will be rejected: the record states no LinkedIn profile URL or member ID',
    ]);
  });
});
