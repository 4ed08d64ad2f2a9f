import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getLead } from '../../src/leads/lead-query.ts';
import { updateLead } from '../../src/leads/lead-updates.ts';
import { type ScoredLead, seedScoredLead } from './lead-seeding.ts';
import { openPortal, type Portal, saveScreenshot } from './support/portal.ts';

let portal: Portal;
let greta: ScoredLead;

beforeAll(async () => {
  portal = await openPortal({
    clients: [{ id: 'alpha', name: 'Alpha Freight', timeZone: 'Europe/Berlin' }],
  });
  greta = await seedScoredLead(portal, 'alpha');
});
afterAll(async () => portal?.close());

const leadUrl = (id: string) => `/leads/${encodeURIComponent(id)}`;

function stored(id: string) {
  return portal.withClient('alpha', (store) => getLead(store, id));
}

describe('the Lead page: editing the profile', () => {
  it('shows a bad field at the field, then saves and says the score is older', async () => {
    const page = await portal.signedInPage(portal.clientTokens.alpha!);
    await page.goto(leadUrl(greta.id));
    await page.getByRole('heading', { name: 'Greta Lindqvist' }).waitFor();
    const staleBefore = await page.locator('.stale-score').count();

    await page.getByRole('button', { name: 'Edit profile' }).click();
    const form = page.getByRole('form', { name: 'Edit profile' });
    await form.getByLabel('Headline').fill('Director of Procurement at Nordhafen Freight');
    await form.getByLabel('Email').fill('greta-at-nordhafen');
    await form.getByRole('button', { name: 'Save profile' }).click();
    const emailError = form.locator('.field-error');
    await emailError.waitFor();
    const errorText = await emailError.textContent();
    const refusal = await form.getByRole('alert').textContent();
    const emailInvalid = await form.getByLabel('Email').getAttribute('aria-invalid');
    const headlineKept = await form.getByLabel('Headline').inputValue();
    const afterRefusal = await stored(greta.id);
    await saveScreenshot(page, 'lead-profile-error');

    await form.getByLabel('Email').fill('greta@nordhafen.example');
    await form.getByRole('button', { name: 'Save profile' }).click();
    await page.getByRole('status').filter({ hasText: 'Profile saved.' }).waitFor();
    const headline = await page.locator('.profile .headline').textContent();
    const stale = await page.locator('.stale-score').textContent();
    const scoredHint = await page.getByText(/^Rubric version/).textContent();
    const saved = await stored(greta.id);

    expect(staleBefore).toBe(0);
    expect(errorText).toMatch(/^Email /);
    expect(emailInvalid).toBe('true');
    expect(refusal).toBe(
      'Not saved: correct the marked fields. Your changes are still in the form.',
    );
    expect(headlineKept).toBe('Director of Procurement at Nordhafen Freight');
    expect(afterRefusal.headline).toBe('Head of Procurement at Nordhafen Freight');
    expect([saved.headline, saved.email]).toEqual([
      'Director of Procurement at Nordhafen Freight',
      'greta@nordhafen.example',
    ]);
    expect(headline).toBe('Director of Procurement at Nordhafen Freight');
    expect(stale).toContain('The profile changed after this score');
    // The change and the score never read as the same moment (seconds show within one minute).
    const changedAt = /\((.+)\)/.exec(stale ?? '')?.[1];
    const scoredAt = /scored (.+)$/.exec(scoredHint ?? '')?.[1];
    expect(changedAt).toMatch(/CET|CEST|GMT\+[12]/);
    expect(changedAt).not.toBe(scoredAt);
  });

  it('meets a conflicting save: shows both values, keeps what was typed, saves it on request', async () => {
    const page = await portal.signedInPage(portal.clientTokens.alpha!);
    await page.goto(leadUrl(greta.id));
    await page.getByRole('heading', { name: 'Greta Lindqvist' }).waitFor();
    await page.getByRole('button', { name: 'Edit profile' }).click();
    const form = page.getByRole('form', { name: 'Edit profile' });

    await form.getByLabel('Company').fill('Nordhafen Logistics');
    await form.getByLabel('Location').fill('Bremen, Germany');
    // Someone else saves a company after the form was opened.
    await portal.withClient('alpha', async (store) => {
      const lead = await getLead(store, greta.id);
      await updateLead(store, greta.id, lead.version, {
        company: 'Nordhafen Group',
        headline: 'Their new headline',
      });
    });
    await form.getByRole('button', { name: 'Save profile' }).click();
    const conflict = form.getByRole('alert').filter({ hasText: 'Someone else saved first' });
    await conflict.waitFor();
    const rows = await conflict.getByRole('row').allInnerTexts();
    const typed = [
      await form.getByLabel('Company').inputValue(),
      await form.getByLabel('Location').inputValue(),
      await form.getByLabel('Headline').inputValue(),
    ];
    const beforeChoice = await stored(greta.id);
    await saveScreenshot(page, 'lead-profile-conflict');

    await conflict.getByRole('button', { name: 'Save mine' }).click();
    await page.getByRole('status').filter({ hasText: 'Profile saved.' }).waitFor();
    const afterChoice = await stored(greta.id);

    expect(rows.map((row) => row.replace(/\s+/g, ' ').trim())).toEqual([
      'Field Yours Saved by someone else',
      'Company Nordhafen Logistics Nordhafen Group',
    ]);
    expect(typed).toEqual(['Nordhafen Logistics', 'Bremen, Germany', 'Their new headline']);
    expect([beforeChoice.company, beforeChoice.location]).toEqual([
      'Nordhafen Group',
      'Hamburg, Germany',
    ]);
    expect([afterChoice.company, afterChoice.location, afterChoice.headline]).toEqual([
      'Nordhafen Logistics',
      'Bremen, Germany',
      'Their new headline',
    ]);
  });

  it("saves over another person's save to other fields without undoing it", async () => {
    const page = await portal.signedInPage(portal.clientTokens.alpha!);
    await page.goto(leadUrl(greta.id));
    await page.getByRole('heading', { name: 'Greta Lindqvist' }).waitFor();
    await page.getByRole('button', { name: 'Edit profile' }).click();
    const form = page.getByRole('form', { name: 'Edit profile' });

    await form.getByLabel('Industry').fill('Maritime freight');
    await portal.withClient('alpha', async (store) => {
      const lead = await getLead(store, greta.id);
      await updateLead(store, greta.id, lead.version, { position: 'Chief Operating Officer' });
    });
    await form.getByRole('button', { name: 'Save profile' }).click();
    await page.getByRole('status').filter({ hasText: 'Profile saved.' }).waitFor();
    const after = await stored(greta.id);

    expect([after.industry, after.position]).toEqual([
      'Maritime freight',
      'Chief Operating Officer',
    ]);
  });
});
