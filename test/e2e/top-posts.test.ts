import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPostRubricVersion } from '../../src/posts/post-rubric-store.ts';
import { writePostInputs } from '../../src/posts/post-store.ts';
import { scorePostsOperation } from '../../src/posts/score-posts-operation.ts';
import { seedLead } from '../support/lead-fixtures.ts';
import { freightPostRubric, postInput, recordingProgress } from '../support/post-fixtures.ts';
import { openPortal, type Portal, saveScreenshot } from './support/portal.ts';

let portal: Portal;
let adaId: string;

const adaFreight = postInput({
  authorKey: 'in:ada-moreau',
  authorName: 'Ada Moreau',
  text: 'Our freight and carrier review',
  postedAt: '2025-09-20T09:00:00.000Z',
});
const adaTender = postInput({
  authorKey: 'in:ada-moreau',
  authorName: 'Ada Moreau',
  text: 'Freight tender season: a poll on supplier contract terms',
  postedAt: '2025-09-21T09:00:00.000Z',
});
const stranger = postInput({
  authorKey: 'in:noah-petit',
  authorName: 'Noah Petit',
  text: 'Landed cost is the number that matters',
  postedAt: '2025-09-22T09:00:00.000Z',
});

beforeAll(async () => {
  portal = await openPortal({
    clients: [{ id: 'alpha', name: 'Alpha Freight', serviceLevel: 'leads+posts' }],
  });
  adaId = await portal.withClient('alpha', async (store) => {
    await addPostRubricVersion(store, freightPostRubric);
    const ada = await seedLead(store, { slug: 'ada-moreau', fullName: 'Ada Moreau' });
    await writePostInputs(store, [adaFreight, adaTender, stranger]);
    return ada.id;
  });
  const client = await portal.world.clients.get('alpha');
  await portal.withClient('alpha', (store) =>
    scorePostsOperation().run({
      runId: 'run_e2e_top_posts',
      client,
      store,
      progress: recordingProgress().progress,
      signal: new AbortController().signal,
    }),
  );
});
afterAll(async () => portal?.close());

function postHeadings(page: Page) {
  return page.getByRole('article').getByRole('heading').allTextContents();
}

describe('the Top posts page', () => {
  it('lists posts with link, text, score and reasons, and marks a lead actioned', async () => {
    const page = await portal.signedInPage(portal.clientTokens.alpha!);
    await page.getByRole('link', { name: 'Top posts' }).click();
    // The client's own threshold fills the field when the first list arrives: type after that.
    await page
      .getByRole('status')
      .filter({ hasText: / scored [\d.]+ or more/ })
      .waitFor();
    await page.getByLabel('Score threshold').fill('0');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByRole('status').filter({ hasText: '3 posts scored 0 or more' }).waitFor();

    const tender = page.getByRole('article').filter({ hasText: 'Freight tender season' });
    const tenderText = await tender.textContent();
    const link = await tender
      .getByRole('link', { name: /Open post on LinkedIn/ })
      .evaluate((a) => [a.getAttribute('href'), a.getAttribute('target'), a.getAttribute('rel')]);
    const author = await tender
      .getByRole('link', { name: 'Ada Moreau', exact: true })
      .evaluate((a) => a.getAttribute('href'));
    const strangerCard = await page
      .getByRole('article')
      .filter({ hasText: 'Landed cost' })
      .textContent();
    const before = await postHeadings(page);
    await saveScreenshot(page, 'top-posts');
    await page.setViewportSize({ width: 390, height: 844 });
    await saveScreenshot(page, 'top-posts-phone');
    await page.setViewportSize({ width: 1280, height: 720 });

    await tender.getByRole('button', { name: 'Mark actioned (Ada Moreau)' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Ada Moreau is marked actioned: 2 posts left the list.' })
      .waitFor();
    await page.getByRole('status').filter({ hasText: '1 post scored 0 or more' }).waitFor();
    const after = await postHeadings(page);
    await page.reload();
    await page.getByRole('status').filter({ hasText: '1 post scored 0 or more' }).waitFor();
    const afterReload = await postHeadings(page);

    const actioned = await portal.withClient('alpha', (store) =>
      store.db
        .selectFrom('posts')
        .select(['author_key', 'actioned_at'])
        .orderBy('posted_at')
        .execute(),
    );
    expect(tenderText).toContain('Freight tender season: a poll on supplier contract terms');
    expect(tenderText).toMatch(/P1 Freight costs/);
    expect(tenderText).toMatch(/P2 Supplier contracts/);
    expect(link).toEqual([adaTender.url, '_blank', 'noopener noreferrer']);
    expect(author).toBe(`/leads/${adaId}`);
    expect(strangerCard).toContain('No lead for this author yet');
    expect(before).toEqual(['Ada Moreau', 'Noah Petit', 'Ada Moreau']);
    expect(after).toEqual(['Noah Petit']);
    expect(afterReload).toEqual(['Noah Petit']);
    expect(actioned.map((post) => [post.author_key, post.actioned_at !== null])).toEqual([
      ['in:ada-moreau', true],
      ['in:ada-moreau', true],
      ['in:noah-petit', false],
    ]);
  });
});
