import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getLead } from '../../src/leads/lead-query.ts';
import { updateLead } from '../../src/leads/lead-updates.ts';
import { listNotes } from '../../src/leads/notes.ts';
import { seedLead } from '../support/lead-fixtures.ts';
import { type ScoredLead, seedScoredLead } from './lead-seeding.ts';
import { openPortal, type Portal, saveScreenshot } from './support/portal.ts';

let portal: Portal;
let greta: ScoredLead;
let bravoLeadId: string;

beforeAll(async () => {
  portal = await openPortal({
    clients: [
      {
        id: 'alpha',
        name: 'Alpha Freight',
        timeZone: 'Europe/Berlin',
        serviceLevel: 'leads+posts',
      },
      { id: 'bravo', name: 'Bravo Payments', timeZone: 'America/New_York' },
    ],
  });
  greta = await seedScoredLead(portal, 'alpha');
  bravoLeadId = await portal.withClient('bravo', async (store) => {
    const lead = await seedLead(store, {
      slug: 'bravo-secret-person',
      fullName: 'Bravo Secret Person',
      headline: 'Payments founder',
    });
    return lead.id;
  });
});
afterAll(async () => portal?.close());

const leadUrl = (id: string) => `/leads/${encodeURIComponent(id)}`;

function stored(id: string) {
  return portal.withClient('alpha', (store) => getLead(store, id));
}

describe('the Lead page', () => {
  it('shows the profile, the score with its evidence, and the best post', async () => {
    const page = await portal.signedInPage(portal.clientTokens.alpha!);
    await page.goto(leadUrl(greta.id));
    await page.getByRole('heading', { name: 'Greta Lindqvist' }).waitFor();

    const profileLink = page.getByRole('link', { name: 'LinkedIn profile' });
    const linkAttributes = await profileLink.evaluate((a) => [
      a.getAttribute('href'),
      a.getAttribute('target'),
      a.getAttribute('rel'),
    ]);
    const buyerRow = page.getByRole('row', { name: /Buys freight or runs operations/ });
    const buyerRowText = await buyerRow.textContent();
    const scoreText = await page.locator('.score-line').textContent();
    const scoreHint = await page.getByText(/^Rubric version/).textContent();
    const topPost = page.getByRole('article', { name: 'Top post' });
    await topPost.waitFor();
    const topPostText = await topPost.textContent();
    const postLink = await topPost
      .getByRole('link', { name: 'Open the post on LinkedIn' })
      .evaluate((a) => [a.getAttribute('href'), a.getAttribute('rel')]);
    const relevance = await page.getByText(/^Post relevance:/).textContent();
    const staleNotes = await page.locator('.stale-score').count();
    await saveScreenshot(page, 'lead');

    const lead = await stored(greta.id);
    expect(linkAttributes).toEqual([
      `https://www.linkedin.com/in/${greta.slug}/`,
      '_blank',
      'noopener noreferrer',
    ]);
    expect(lead.score).toBeGreaterThan(0);
    expect(scoreText).toContain(String(lead.score));
    expect(scoreHint).toContain('Rubric version 1, offline scorer');
    expect(buyerRowText).toContain('40 of 40');
    expect(buyerRowText?.toLowerCase()).toContain('head of procurement');
    expect(topPostText).toContain(greta.bestPostText);
    expect(topPostText).toContain('P1 Freight costs: +40');
    expect(postLink).toEqual([greta.bestPostUrl, 'noopener noreferrer']);
    expect(relevance).toContain('Post relevance: 100');
    expect(staleNotes).toBe(0);
  });

  it('says so when the profile changed after the score shown', async () => {
    await portal.withClient('alpha', async (store) => {
      const lead = await getLead(store, greta.recruiterId);
      await updateLead(store, lead.id, lead.version, { headline: 'Talent partner, logistics' });
    });
    const page = await portal.signedInPage(portal.clientTokens.alpha!);
    await page.goto(leadUrl(greta.recruiterId));
    await page.getByRole('heading', { name: 'Rolf Recruits' }).waitFor();

    const note = await page.locator('.stale-score').textContent();
    await saveScreenshot(page, 'lead-stale');
    const lead = await stored(greta.recruiterId);

    expect(lead.scoredAt! <= lead.profileChangedAt!).toBe(true);
    expect(note?.replace(/\s+/g, ' ')).toMatch(
      /^The profile changed after this score \(.+\): the next scoring run scores it again\.$/,
    );
  });

  it('shows why a disqualified lead is disqualified, on a phone-sized screen too', async () => {
    const page = await portal.signedInPage(portal.clientTokens.alpha!);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(leadUrl(greta.recruiterId));
    await page.getByRole('heading', { name: 'Rolf Recruits' }).waitFor();

    const status = await page.locator('.score-status').textContent();
    const reasons = await page.getByRole('list', { name: 'Reasons' }).textContent();
    const scrollsSideways = await page.evaluate(
      () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
    );
    await saveScreenshot(page, 'lead-phone');

    const lead = await stored(greta.recruiterId);
    expect(lead.scoreStatus).toBe('disqualified');
    expect(status).toBe('disqualified');
    expect(reasons).toContain('N2');
    expect(scrollsSideways).toBe(false);
  });

  it('meets a conflicting edit: shows both values, keeps what was chosen, saves it on request', async () => {
    const page = await portal.signedInPage(portal.clientTokens.alpha!);
    await page.goto(leadUrl(greta.id));
    await page.getByRole('heading', { name: 'Greta Lindqvist' }).waitFor();

    await page.getByLabel('Status').selectOption('contacted');
    await page.getByLabel('Priority').selectOption('high');
    // Someone else saves a status after the page read the lead.
    await portal.withClient('alpha', async (store) => {
      const lead = await getLead(store, greta.id);
      await updateLead(store, greta.id, lead.version, { status: 'replied' });
    });
    await page.getByRole('button', { name: 'Save changes' }).click();
    const conflict = page.getByRole('alert').filter({ hasText: 'Someone else saved first' });
    await conflict.waitFor();
    const rows = await conflict.getByRole('row').allInnerTexts();
    const formAfterConflict = [
      await page.getByLabel('Status').inputValue(),
      await page.getByLabel('Priority').inputValue(),
    ];
    const beforeChoice = await stored(greta.id);
    await saveScreenshot(page, 'lead-conflict');

    await conflict.getByRole('button', { name: 'Save mine' }).click();
    await conflict.waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const afterChoice = await stored(greta.id);

    expect(rows.map((row) => row.replace(/\s+/g, ' ').trim())).toEqual([
      'Field Yours Saved by someone else',
      'Status contacted replied',
    ]);
    expect(formAfterConflict).toEqual(['contacted', 'high']);
    expect([beforeChoice.status, beforeChoice.priority]).toEqual(['replied', null]);
    expect([afterChoice.status, afterChoice.priority]).toEqual(['contacted', 'high']);
  });

  it('saves over a change of other fields without asking', async () => {
    const page = await portal.signedInPage(portal.clientTokens.alpha!);
    await page.goto(leadUrl(greta.id));
    await page.getByRole('heading', { name: 'Greta Lindqvist' }).waitFor();

    await page.getByLabel('Connection').selectOption('pending');
    await portal.withClient('alpha', async (store) => {
      const lead = await getLead(store, greta.id);
      await updateLead(store, greta.id, lead.version, { tags: ['tender'] });
    });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const alerts = await page.getByRole('alert').count();
    const lead = await stored(greta.id);

    expect(alerts).toBe(0);
    expect([lead.connectionStatus, lead.tags]).toEqual(['pending', ['tender']]);
  });

  it('appends notes, newest first, with author and time', async () => {
    const page = await portal.signedInPage(portal.clientTokens.alpha!);
    await page.goto(leadUrl(greta.id));
    const box = page.getByLabel('New note');

    await box.fill('Asked about the Q4 tender.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByText('Asked about the Q4 tender.').waitFor();
    await box.fill('Replied: call on Monday.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByText('Replied: call on Monday.').waitFor();
    const shown = await page
      .getByRole('list', { name: 'Notes, newest first' })
      .locator('.note-body')
      .allInnerTexts();
    const meta = await page.locator('.note-meta').first().textContent();
    const boxAfter = await box.inputValue();
    await saveScreenshot(page, 'lead-notes');

    const notes = await portal.withClient('alpha', (store) => listNotes(store, greta.id));
    expect(shown).toEqual(['Replied: call on Monday.', 'Asked about the Q4 tender.']);
    expect(notes.map((note) => note.body)).toEqual([
      'Asked about the Q4 tender.',
      'Replied: call on Monday.',
    ]);
    // The portal token has no label: the note names whose token it is, not its ID.
    expect(notes[1]?.author).toMatch(/^token:/);
    expect(meta).toContain('Alpha Freight (unnamed access token)');
    expect(meta).not.toContain('token:');
    expect(meta).toMatch(/CET|CEST|GMT\+[12]/);
    expect(boxAfter).toBe('');
  });

  it("shows 'Lead not found' to client A who types the address of client B's lead", async () => {
    const page = await portal.signedInPage(portal.clientTokens.alpha!);

    await page.goto(leadUrl(bravoLeadId));
    await page.getByRole('heading', { name: 'Lead not found' }).waitFor();
    const text = await page.locator('main').textContent();

    expect(text).not.toContain('Bravo Secret Person');
    expect(text).not.toContain('Payments founder');
  });

  it("shows an admin the chosen client's lead, and not found once switched to another", async () => {
    const page = await portal.signedInPage(portal.adminToken);
    await page.getByLabel('Client').selectOption('bravo');
    await page.goto(leadUrl(bravoLeadId));
    await page.getByRole('heading', { name: 'Bravo Secret Person' }).waitFor();

    await page.getByLabel('Client').selectOption('alpha');
    await page.getByRole('heading', { name: 'Lead not found' }).waitFor();
    const text = await page.locator('main').textContent();
    await page.getByRole('button', { name: 'Go to the client switcher' }).click();
    const focused = await page.evaluate(() => document.activeElement?.id);

    expect(text).not.toContain('Bravo Secret Person');
    expect(text).toContain('Alpha Freight is the client selected');
    expect(focused).toBe('client-switcher');
  });

  it('asks before a client switch would lose a typed note, and keeps it when told no', async () => {
    const page = await portal.signedInPage(portal.adminToken);
    await page.getByLabel('Client').selectOption('bravo');
    await page.goto(leadUrl(bravoLeadId));
    await page.getByRole('heading', { name: 'Bravo Secret Person' }).waitFor();
    await page.getByLabel('New note').fill('call back on Tuesday');
    const asked: string[] = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.dismiss();
    });

    await page.getByLabel('Client').selectOption('alpha');
    await page.getByRole('heading', { name: 'Bravo Secret Person' }).waitFor();
    const chosen = await page.getByLabel('Client').inputValue();
    const note = await page.getByLabel('New note').inputValue();

    expect(asked).toEqual(['A note you typed is not saved yet. Switch client and lose it?']);
    expect(chosen).toBe('bravo');
    expect(note).toBe('call back on Tuesday');
  });
});
