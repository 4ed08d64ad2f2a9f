import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getLead } from '../../src/leads/lead-query.ts';
import { seedLead } from '../support/lead-fixtures.ts';
import { openPortal, type Portal, saveScreenshot } from './support/portal.ts';

let portal: Portal;
let knownId: string;

beforeAll(async () => {
  portal = await openPortal();
  knownId = await portal.withClient('alpha', async (store) => {
    const lead = await seedLead(store, {
      slug: 'jonas-berg',
      fullName: 'Jonas Berg',
      company: 'Kestrel Freight',
    });
    return lead.id;
  });
});
afterAll(async () => portal?.close());

describe('the New lead page', () => {
  it('warns while a known person is typed, in any form of the URL, and links to the lead', async () => {
    const page = await portal.signedInPage(portal.clientTokens.alpha!);
    await page.getByRole('link', { name: 'New lead' }).click();
    const url = page.getByLabel('LinkedIn URL');

    await url.fill('https://de.linkedin.com/in/Jonas-Berg?trk=people');
    const warning = page.getByText('This person is already a lead');
    await warning.waitFor();
    const href = await warning.getByRole('link', { name: 'Jonas Berg' }).getAttribute('href');
    await saveScreenshot(page, 'new-lead-duplicate');
    await url.fill('https://www.linkedin.com/in/someone-new/');
    await warning.waitFor({ state: 'detached' });

    expect(href).toBe(`/leads/${knownId}`);
  });

  it('refuses to save a known person and links to the existing lead', async () => {
    const page = await portal.signedInPage(portal.clientTokens.alpha!);
    await page.goto('/leads/new');

    await page.getByLabel('LinkedIn URL').fill('linkedin.com/in/jonas-berg/recent-activity/all/');
    await page.getByLabel('Name').fill('Jonas B.');
    await page.getByRole('button', { name: 'Add lead' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'already a lead' });
    await refusal.waitFor();
    const href = await refusal.getByRole('link').getAttribute('href');
    const nameKept = await page.getByLabel('Name').inputValue();
    const lead = await portal.withClient('alpha', (store) => getLead(store, knownId));

    expect(href).toBe(`/leads/${knownId}`);
    expect(nameKept).toBe('Jonas B.');
    expect(lead.fullName).toBe('Jonas Berg');
  });

  it('shows field errors next to the fields, then creates the lead and opens it', async () => {
    const page = await portal.signedInPage(portal.clientTokens.alpha!);
    await page.goto('/leads/new');

    await page.getByLabel('LinkedIn URL').fill('https://www.linkedin.com/company/kestrel');
    await page.getByLabel('Name').fill('Mia Koch');
    await page.getByLabel('Company').fill('Nordhafen Freight');
    await page.getByLabel('Email').fill('not-an-email');
    await page.getByRole('button', { name: 'Add lead' }).click();
    const emailError = page.locator('.field-error').filter({ hasText: 'Email' });
    await emailError.waitFor();
    const errors = await page.locator('.field-error').allTextContents();
    const describedBy = await page.getByLabel('Email').getAttribute('aria-describedby');
    await saveScreenshot(page, 'new-lead-errors');

    await page.getByLabel('Email').fill('mia@nordhafen.example');
    await page.getByRole('button', { name: 'Add lead' }).click();
    // The Email error stays on screen until the second answer replaces it.
    await page.locator('.field-error').filter({ hasText: 'LinkedIn URL' }).waitFor();
    const urlErrors = await page.locator('.field-error').allTextContents();
    await page.getByLabel('LinkedIn URL').fill('https://www.linkedin.com/in/mia-koch');
    await page.getByRole('button', { name: 'Add lead' }).click();
    await page.getByRole('heading', { name: 'Mia Koch' }).waitFor();
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
    await saveScreenshot(page, 'new-lead-created');
    const lead = await portal.withClient('alpha', (store) => getLead(store, id));

    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^Email /);
    expect(describedBy).toContain('error');
    expect(urlErrors).toEqual([expect.stringMatching(/^LinkedIn URL is not a LinkedIn person/)]);
    expect([lead.fullName, lead.company, lead.email, lead.identities]).toEqual([
      'Mia Koch',
      'Nordhafen Freight',
      'mia@nordhafen.example',
      ['in:mia-koch'],
    ]);
  });
});
