import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertsOf, openPortal, type Portal, saveScreenshot, signIn } from './support/portal.ts';

let portal: Portal;
beforeAll(async () => {
  portal = await openPortal();
});
afterAll(async () => portal?.close());

describe('portal sign-in', () => {
  it('refuses a wrong token with a message, then signs a client in and out', async () => {
    const { page } = await portal.newPage();
    const refusedByPolicy: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) refusedByPolicy.push(message.text());
    });
    await page.reload();
    await page.getByLabel('Access token').waitFor();
    const focusedOnLoad = await page.evaluate(() => document.activeElement?.id);

    await page.getByLabel('Access token').fill('lb_aaaaaaaaaaaa_not-a-real-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    const refusal = await alertsOf(page);
    await saveScreenshot(page, 'sign-in');

    await signIn(page, portal.clientTokens.alpha!);
    const signedInAs = await page.getByRole('banner').textContent();
    const cookies = await page.context().cookies();
    await saveScreenshot(page, 'signed-in');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Access token').waitFor();
    const cookiesAfter = await page.context().cookies();
    await page.reload();
    await page.getByLabel('Access token').waitFor();

    expect(focusedOnLoad).toBe('sign-in-token');
    expect(refusal).toEqual(['That token was not accepted. Check it and try again.']);
    expect(signedInAs).toContain('Alpha Freight');
    expect(signedInAs).not.toContain('Bravo');
    expect(cookies.map((c) => [c.name, c.httpOnly, c.sameSite])).toEqual([
      ['leadbase_session', true, 'Strict'],
    ]);
    expect(cookiesAfter).toEqual([]);
    expect(refusedByPolicy).toEqual([]);
  });

  it('lets an admin switch clients, and says "not allowed" for a paused one', async () => {
    const page = await portal.signedInPage(portal.adminToken);
    const switcher = page.getByLabel('Client');

    const options = await switcher.locator('option').allTextContents();
    await portal.world.clients.setStatus('bravo', 'paused');
    await switcher.selectOption('bravo');
    await page.getByRole('link', { name: 'Leads', exact: true }).click();
    // The Overview may show the same refusal already: wait for the Leads page's own.
    await page.getByRole('heading', { name: 'Leads', level: 1 }).waitFor();
    const refusal = page.getByRole('alert').filter({ hasText: 'Not allowed' });
    await refusal.waitFor();
    const told = await refusal.textContent();
    await portal.world.clients.setStatus('bravo', 'active');
    const chosen = await switcher.inputValue();

    expect(options).toEqual(['Alpha Freight', 'Bravo Payments']);
    expect(chosen).toBe('bravo');
    expect(told).toContain('client "bravo" is paused');
  });

  it('sends a client whose token was revoked back to sign-in, saying the session ended', async () => {
    const tokens = portal.server.app.services.tokens;
    const created = await tokens.create({ kind: 'client', clientId: 'alpha', scope: 'portal' });
    const page = await portal.signedInPage(created.token);

    await tokens.revoke(created.info.id);
    await page.getByRole('link', { name: 'Leads', exact: true }).click();
    await page.getByLabel('Access token').waitFor();
    const notice = await page.getByRole('status').filter({ hasText: 'session ended' }).count();

    expect(notice).toBe(1);
  });

  it('states the real wait when wrong tokens lock an address out, and still takes a valid one', async () => {
    const { page } = await portal.newPage();
    await page.getByLabel('Access token').waitFor();
    await page.evaluate(async () => {
      for (let i = 0; i < 12; i += 1) {
        await fetch('/api/session', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-leadbase-csrf': '1' },
          body: JSON.stringify({ token: `lb_aaaaaaaaaaaa_guess${i}` }),
        });
      }
    });

    await page.getByLabel('Access token').fill('lb_aaaaaaaaaaaa_one-more-guess');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    const lockout = await alertsOf(page);
    await signIn(page, portal.clientTokens.alpha!);
    const signedInAs = await page.getByRole('banner').textContent();

    expect(lockout).toEqual([
      'Too many failed sign-ins from this address. Wait 15 minutes and try again.',
    ]);
    expect(signedInAs).toContain('Alpha Freight');
  });
});
