import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRubric } from '../../src/scoring/rubric.ts';
import { addRubricVersion } from '../../src/scoring/rubric-store.ts';
import { scoreLeadsOperation } from '../../src/scoring/score-leads-operation.ts';
import { seedLead } from '../support/lead-fixtures.ts';
import { recordingProgress } from '../support/post-fixtures.ts';
import { phoneFit } from './support/phone-fit.ts';
import { openPortal, type Portal, saveScreenshot } from './support/portal.ts';

let portal: Portal;

const firstRubric = parseRubric(
  {
    name: 'Freight buyers',
    attributes: [
      {
        id: 'A',
        kind: 'positive',
        label: 'Runs procurement',
        max: 50,
        instructions: 'The person who buys.',
        fields: ['headline', 'position'],
        signals: [
          { phrase: 'head of procurement', weight: 50 },
          { phrase: 'buyer', weight: 20 },
        ],
      },
      {
        id: 'B',
        kind: 'positive',
        label: 'Freight company',
        max: 50,
        instructions: 'Works where freight is bought.',
        fields: ['company', 'headline'],
        signals: [{ phrase: 'freight', weight: 50 }],
      },
      {
        id: 'N1',
        kind: 'negative',
        label: 'Recruits',
        penalty: 30,
        instructions: 'Recruiters are no buyers.',
        signals: [{ phrase: 'recruiter', weight: 30 }],
      },
    ],
  },
  'the e2e rubric',
);

const people = [
  { slug: 'hana-proc', headline: 'Head of Procurement', company: 'Kestrel Freight' },
  { slug: 'ben-buyer', headline: 'Buyer', company: 'Kestrel Freight' },
  { slug: 'rita-recruits', headline: 'Freight Recruiter', company: 'Talent Co' },
  { slug: 'paul-bakes', headline: 'Head of Procurement', company: 'Acme Bakery' },
  { slug: 'bea-bakes', headline: 'Buyer', company: 'Acme Bakery' },
];

async function scoreAlpha(runId: string) {
  const client = await portal.world.clients.get('alpha');
  await portal.withClient('alpha', (store) =>
    scoreLeadsOperation().run({
      runId,
      client,
      store,
      progress: recordingProgress().progress,
      signal: new AbortController().signal,
    }),
  );
}

/** Each lead's tier as the preview counts them, at the client's threshold of 60. */
async function tiers(): Promise<Record<string, string>> {
  const rows = await portal.withClient('alpha', (store) =>
    store.db.selectFrom('leads').select(['full_name', 'score', 'score_status']).execute(),
  );
  const tierOf = (row: (typeof rows)[number]) =>
    row.score_status !== 'scored'
      ? row.score_status
      : (row.score ?? 0) >= 60
        ? 'qualified'
        : 'below_threshold';
  return Object.fromEntries(rows.map((row) => [row.full_name, tierOf(row)]));
}

beforeAll(async () => {
  portal = await openPortal({
    clients: [{ id: 'alpha', name: 'Alpha Freight', timeZone: 'Europe/Berlin' }],
  });
  await portal.withClient('alpha', async (store) => {
    await addRubricVersion(store, firstRubric, 'first cut');
    for (const person of people) await seedLead(store, person);
  });
  await scoreAlpha('run_e2e_rubric_1');
});
afterAll(async () => portal?.close());

const attribute = (page: Page, id: string) => page.getByRole('group', { name: `Attribute ${id}` });

describe('the Rubric page', () => {
  it('shows refusals at the field, previews tier changes, activates, and scoring agrees', async () => {
    const before = await tiers();
    const page = await portal.signedInPage(portal.clientTokens.alpha!);
    await page.getByRole('link', { name: 'Rubric' }).click();
    await attribute(page, 'A').waitFor();
    const loadedName = await page.getByLabel('Rubric name', { exact: true }).inputValue();

    const label = attribute(page, 'A').getByLabel('Label', { exact: true });
    await label.fill('');
    await page.getByRole('button', { name: 'Preview changes' }).click();
    const summary = await page
      .getByRole('alert')
      .filter({ hasText: 'needs a change' })
      .textContent();
    const labelInvalid = await label.getAttribute('aria-invalid');
    const labelProblem = await attribute(page, 'A').locator('.field-problem').allTextContents();
    const activateWhileInvalid = await page
      .getByRole('button', { name: 'Activate this rubric' })
      .isDisabled();
    await label.fill('Runs procurement');

    await attribute(page, 'N1').getByLabel('Disqualifying (any hit disqualifies the lead)').check();
    await attribute(page, 'B').getByRole('button', { name: 'Add signal' }).click();
    await attribute(page, 'B').getByLabel('Signal 2 phrase').fill('bakery');
    await attribute(page, 'B').getByLabel('Signal 2 weight').fill('20');
    await page.getByRole('button', { name: 'Preview changes' }).click();
    const previewStatus = page.getByRole('status').filter({ hasText: 'would change tier' });
    await previewStatus.waitFor();
    const previewText = await previewStatus.textContent();
    const transitions = await page
      .getByRole('table', { name: 'Leads moving between tiers' })
      .locator('tbody tr')
      .allInnerTexts();
    await saveScreenshot(page, 'rubric');
    await page.setViewportSize({ width: 390, height: 844 });
    await saveScreenshot(page, 'rubric-phone');
    const phone = await phoneFit(page);
    await page.setViewportSize({ width: 1280, height: 720 });

    await page
      .getByRole('form', { name: 'Lead rubric' })
      .getByLabel('Note for this version')
      .fill('recruiters out, bakeries in');
    await page.getByRole('button', { name: 'Activate this rubric' }).click();
    await page.getByRole('status').filter({ hasText: 'Version 2 is active' }).waitFor();
    const versions = page.getByRole('table', { name: 'Lead rubric versions' });
    await versions.getByRole('row').filter({ hasText: 'recruiters out' }).waitFor();
    const versionRows = await versions.locator('tbody tr').allInnerTexts();

    await scoreAlpha('run_e2e_rubric_2');
    const after = await tiers();

    expect(phone).toEqual({ pageWidth: 390, navBeyondRight: [] });
    expect(loadedName).toBe('Freight buyers');
    expect(summary).toContain('attributes 1 › label: a label must not be empty');
    expect(labelInvalid).toBe('true');
    expect(labelProblem).toEqual(['a label must not be empty']);
    expect(activateWhileInvalid).toBe(true);
    expect(previewText).toBe(
      '2 of 5 leads would change tier (compared with active version 1, threshold 60).',
    );
    expect(transitions.map((row) => row.split('\t')).sort()).toEqual([
      ['Below threshold', 'Disqualified', '1'],
      ['Below threshold', 'Qualified', '1'],
    ]);
    expect(versionRows.map((row) => row.split('\t').slice(0, 5))).toEqual([
      ['2', 'Freight buyers', expect.any(String), 'recruiters out, bakeries in', 'Active'],
      ['1', 'Freight buyers', expect.any(String), 'first cut', 'Inactive'],
    ]);
    expect(before).toEqual({
      'hana-proc': 'qualified',
      'ben-buyer': 'qualified',
      'rita-recruits': 'below_threshold',
      'paul-bakes': 'below_threshold',
      'bea-bakes': 'below_threshold',
    });
    expect(after).toEqual({
      ...before,
      'rita-recruits': 'disqualified',
      'paul-bakes': 'qualified',
    });
  });

  it('previews an older version and makes it active again after the confirmation', async () => {
    const page = await portal.signedInPage(portal.clientTokens.alpha!);
    await page.goto('/rubric');
    await page.getByRole('button', { name: 'Preview version 1' }).click();
    await page.getByRole('status').filter({ hasText: '2 of 5 leads would change tier' }).waitFor();

    await page.getByRole('button', { name: 'Activate version 1' }).click();
    await page
      .getByRole('dialog', { name: 'Make version 1 the active rubric?' })
      .getByRole('button', { name: 'Activate' })
      .click();
    await page.getByRole('status').filter({ hasText: 'Version 1 is active' }).waitFor();
    const current = await portal.server.app.inject({
      method: 'GET',
      url: '/api/rubric',
      headers: { authorization: `Bearer ${portal.clientTokens.alpha}` },
    });

    expect([current.json().version, current.json().note]).toEqual([1, 'first cut']);
  });

  it('writes the first post rubric, with refusals shown at the field', async () => {
    const page = await portal.signedInPage(portal.clientTokens.alpha!);
    await page.goto('/rubric');
    await page.getByRole('link', { name: 'Post criteria' }).click();
    await page.getByText('There is no post rubric yet').waitFor();
    const serviceNote = await page.locator('.service-level-note').textContent();

    const criterion = page.getByRole('group', { name: 'Criterion P1' });
    await page.getByLabel('Post rubric name').fill('Freight openers');
    await page.getByRole('link', { name: 'Lead rubric' }).click();
    await page.getByLabel('Rubric name', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Post criteria' }).click();
    await page.getByLabel('Post rubric name').waitFor();
    const keptName = await page.getByLabel('Post rubric name').inputValue();
    await criterion.getByLabel('Label', { exact: true }).fill('Freight costs');
    await criterion.getByLabel('Points').fill('150');
    await criterion.getByLabel('Keywords').fill('freight\nlanded cost');
    await page.getByRole('button', { name: 'Save and activate' }).click();
    await page.getByRole('alert').filter({ hasText: 'needs a change' }).waitFor();
    const pointsProblem = await criterion.locator('.field-problem').allTextContents();

    await criterion.getByLabel('Points').fill('40');
    await page.getByRole('button', { name: 'Save and activate' }).click();
    await page.getByRole('status').filter({ hasText: 'Version 1 of the post rubric' }).waitFor();
    await saveScreenshot(page, 'rubric-posts');
    const stored = await portal.server.app.inject({
      method: 'GET',
      url: '/api/posts/rubric',
      headers: { authorization: `Bearer ${portal.clientTokens.alpha}` },
    });

    expect(serviceNote).toContain(
      "Posts are not part of Alpha Freight's service yet: a post rubric saved here is kept",
    );
    expect(keptName).toBe('Freight openers');
    expect(pointsProblem).toEqual(['must be at most 100']);
    expect(stored.json().rubric).toEqual({
      name: 'Freight openers',
      criteria: [
        {
          id: 'P1',
          label: 'Freight costs',
          kind: 'positive',
          points: 40,
          keywords: ['freight', 'landed cost'],
          examples: [],
        },
      ],
    });
  });
});
